import "server-only";
import type { SessionAgent } from "@/lib/auth/session";
import { decodeListCursor, encodeListCursor } from "@/lib/conversations/list-cursor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { rangeEnd, rangeStart, sql, windowLapsesSql, type Sql } from "@/lib/reports/report-sql";
import type { ReviewListQuery } from "@/lib/validations/review";
import { assertReviewer } from "./assert-reviewer";

export interface ReviewConversationItem {
  id: string;
  status: "OPEN" | "PENDING" | "SNOOZED" | "RESOLVED";
  contactName: string;
  channel: { id: string; name: string; platform: "MESSENGER" | "INSTAGRAM" };
  assignee: { id: string; name: string } | null;
  lastMessageAt: string;
  lastMessagePreview: string | null;
  /** Counted within the date range when one is set, else over the whole thread. */
  counts: {
    humanAgentReplies: number;
    windowsMissed24h: number;
    windowsMissed7d: number;
    blockedAttempts: number;
    failedSends: number;
    /** HUMAN_AGENT replies sent exactly as a saved reply rendered them (Meta wants those written by a person). */
    uneditedSavedReplies: number;
  };
}

/** A HUMAN_AGENT reply Meta accepted whose text is a saved reply as rendered, unchanged (messages m). */
const UNEDITED_SAVED_HUMAN_AGENT = sql`m.messaging_type = 'MESSAGE_TAG' AND m.tag = 'HUMAN_AGENT' AND m.send_status = 'SENT' AND m.saved_reply_edited = false`;

interface PageRow {
  id: string;
  status: ReviewConversationItem["status"];
  last_message_at: Date;
  last_message_preview: string | null;
  contact_name: string | null;
  contact_username: string | null;
  channel_id: string;
  channel_name: string;
  platform: "MESSENGER" | "INSTAGRAM";
  assignee_id: string | null;
  assignee_name: string | null;
}

interface CountRow {
  id: string;
  human_agent: number;
  failed: number;
  blocked: number;
  missed_24h: number;
  missed_7d: number;
  unedited_saved: number;
}

/**
 * One keyset page of the account's conversations (every channel) for review, newest activity first,
 * filtered as /review's URL says. With a date range (local days of the account's zone), the HUMAN_AGENT /
 * blocked / failed / window-missed filters look for their event in the range (a window lapse by its
 * deadline; lib/reports/report-sql.ts); without such a filter a conversation qualifies when it had a
 * message or a recorded action (assignment, status change, note, send attempt) in the range.
 * Agent: conversations assigned to the agent or in which the agent sent a message (in the range). Label: the
 * conversation carries the label now.
 */
export async function listReviewConversations({
  agent,
  query,
  timeZone,
  now,
}: {
  agent: SessionAgent;
  query: ReviewListQuery;
  timeZone: string;
  now: Date;
}): Promise<{ conversations: ReviewConversationItem[]; nextCursor: string | null }> {
  assertReviewer(agent);
  const cursor = query.cursor ? decodeListCursor(query.cursor) : null;
  if (query.cursor && !cursor) throw AppError.invalid("The page cursor is not valid; start again from the first page.", { field: "cursor" });

  const range = query.from || query.to ? { from: query.from ?? query.to!, to: query.to ?? query.from! } : null;
  const start = range ? rangeStart({ range, timeZone }) : null;
  const end = range ? rangeEnd({ range, timeZone }) : null;
  const inRange = (column: string): Sql => (start && end ? sql`AND ${Prisma.raw(column)} >= ${start} AND ${Prisma.raw(column)} < ${end}` : Prisma.empty);

  const conditions: Sql[] = [sql`c.account_id = ${agent.accountId}::uuid`, sql`c.last_message_at IS NOT NULL`];
  if (query.status) conditions.push(sql`c.status = ${query.status}::conversation_status`);
  if (query.channelId) conditions.push(sql`c.channel_id = ${query.channelId}::uuid`);
  if (query.platform) conditions.push(sql`ch.platform = ${query.platform}::platform`);
  // Labels as they are now (the label's account is checked: another account's label id matches nothing).
  if (query.label) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM conversation_labels cl JOIN labels l ON l.id = cl.label_id WHERE cl.conversation_id = c.id AND cl.label_id = ${query.label}::uuid AND l.account_id = ${agent.accountId}::uuid)`,
    );
  }
  // Event filters put their own event in the range; otherwise any message or recorded action counts.
  const eventFilter = query.windowMissed || query.humanAgent || query.blocked || query.failed || query.savedReplyUnedited;
  if (range && !eventFilter) {
    conditions.push(
      sql`(EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id ${inRange("m.sent_at")})
           OR EXISTS (SELECT 1 FROM audit_events e WHERE e.conversation_id = c.id ${inRange("e.created_at")}))`,
    );
  }
  if (query.agentId) {
    conditions.push(
      sql`(c.assignee_id = ${query.agentId}::uuid OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.agent_id = ${query.agentId}::uuid ${inRange("m.sent_at")}))`,
    );
  }
  if (query.humanAgent !== undefined) {
    conditions.push(
      sql`${query.humanAgent ? Prisma.empty : sql`NOT`} EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.messaging_type = 'MESSAGE_TAG' AND m.tag = 'HUMAN_AGENT' AND m.send_status = 'SENT' ${inRange("m.sent_at")})`,
    );
  }
  if (query.blocked !== undefined) {
    conditions.push(
      sql`${query.blocked ? Prisma.empty : sql`NOT`} EXISTS (SELECT 1 FROM audit_events e WHERE e.conversation_id = c.id AND e.type = 'send.blocked' ${inRange("e.created_at")})`,
    );
  }
  if (query.failed !== undefined) {
    conditions.push(
      sql`${query.failed ? Prisma.empty : sql`NOT`} EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.send_status = 'FAILED' ${inRange("m.sent_at")})`,
    );
  }
  if (query.savedReplyUnedited !== undefined) {
    conditions.push(
      sql`${query.savedReplyUnedited ? Prisma.empty : sql`NOT`} EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND ${UNEDITED_SAVED_HUMAN_AGENT} ${inRange("m.sent_at")})`,
    );
  }
  if (query.windowMissed) {
    const lapses = windowLapsesSql({
      accountId: agent.accountId,
      now,
      ...(start && end ? { start, end } : {}),
      where: sql`AND o.conversation_id = c.id AND w.name = ${query.windowMissed}`,
    });
    conditions.push(sql`EXISTS (${lapses})`);
  }
  if (cursor) conditions.push(sql`(c.last_message_at, c.id) < (${cursor.at.toISOString()}::timestamptz, ${cursor.id}::uuid)`);

  const rows = await db.$queryRaw<PageRow[]>(sql`
    SELECT c.id, c.status::text AS status, c.last_message_at, c.last_message_preview,
           ct.name AS contact_name, ct.username AS contact_username,
           ch.id AS channel_id, ch.name AS channel_name, ch.platform::text AS platform,
           a.id AS assignee_id, a.name AS assignee_name
      FROM conversations c
      JOIN channels ch ON ch.id = c.channel_id
      JOIN contacts ct ON ct.id = c.contact_id
      LEFT JOIN agents a ON a.id = c.assignee_id
     WHERE ${Prisma.join(conditions, " AND ")}
     ORDER BY c.last_message_at DESC, c.id DESC
     LIMIT ${query.limit + 1}`);
  const page = rows.slice(0, query.limit);
  const counts = await countEvents(agent.accountId, page.map((r) => r.id), { start, end, now });
  const last = page.at(-1);
  return {
    conversations: page.map((r) => ({
      id: r.id,
      status: r.status,
      contactName: r.contact_name ?? r.contact_username ?? "Unknown person",
      channel: { id: r.channel_id, name: r.channel_name, platform: r.platform },
      assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? "" } : null,
      lastMessageAt: r.last_message_at.toISOString(),
      lastMessagePreview: r.last_message_preview,
      counts: {
        humanAgentReplies: counts.get(r.id)?.human_agent ?? 0,
        windowsMissed24h: counts.get(r.id)?.missed_24h ?? 0,
        windowsMissed7d: counts.get(r.id)?.missed_7d ?? 0,
        blockedAttempts: counts.get(r.id)?.blocked ?? 0,
        failedSends: counts.get(r.id)?.failed ?? 0,
        uneditedSavedReplies: counts.get(r.id)?.unedited_saved ?? 0,
      },
    })),
    nextCursor: rows.length > query.limit && last ? encodeListCursor({ at: last.last_message_at, id: last.id }) : null,
  };
}

/** The badges of one page of rows, counted with the same definitions as the filters. */
async function countEvents(accountId: string, ids: string[], { start, end, now }: { start: Sql | null; end: Sql | null; now: Date }) {
  if (ids.length === 0) return new Map<string, CountRow>();
  const within = (column: string) => (start && end ? sql`AND ${Prisma.raw(column)} >= ${start} AND ${Prisma.raw(column)} < ${end}` : Prisma.empty);
  const lapses = windowLapsesSql({ accountId, now, ...(start && end ? { start, end } : {}), where: sql`AND o.conversation_id = c.id` });
  const rows = await db.$queryRaw<CountRow[]>(sql`
    SELECT c.id,
           (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id AND m.messaging_type = 'MESSAGE_TAG' AND m.tag = 'HUMAN_AGENT' AND m.send_status = 'SENT' ${within("m.sent_at")})::int AS human_agent,
           (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id AND m.send_status = 'FAILED' ${within("m.sent_at")})::int AS failed,
           (SELECT count(*) FROM audit_events e WHERE e.conversation_id = c.id AND e.type = 'send.blocked' ${within("e.created_at")})::int AS blocked,
           (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id AND ${UNEDITED_SAVED_HUMAN_AGENT} ${within("m.sent_at")})::int AS unedited_saved,
           lp.missed_24h, lp.missed_7d
      FROM conversations c
      CROSS JOIN LATERAL (
        SELECT count(*) FILTER (WHERE l.window = '24h')::int AS missed_24h, count(*) FILTER (WHERE l.window = '7d')::int AS missed_7d
          FROM (${lapses}) l
      ) lp
     WHERE c.account_id = ${accountId}::uuid AND c.id IN (${Prisma.join(ids.map((id) => sql`${id}::uuid`))})`);
  return new Map(rows.map((r) => [r.id, r]));
}
