import "server-only";
import type { SessionAgent } from "@/lib/auth/session";
import { decodeListCursor, encodeListCursor } from "@/lib/conversations/list-cursor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { privateReplyDeadline } from "@/lib/policy/private-reply-policy";
import { answeredCommentId, commentAnswersSql, expiredCommentsSql, isPersonComment, rangeEnd, rangeStart, sql, type Sql } from "@/lib/reports/report-sql";
import type { ReviewCommentsQuery } from "@/lib/validations/review";
import { assertReviewer } from "./assert-reviewer";
import { buildCommentTimeline, type CommentTimelineEntry } from "./build-comment-timeline";

export interface ReviewCommentItem {
  id: string;
  channel: { id: string; name: string; platform: "MESSENGER" | "INSTAGRAM" };
  post: { id: string; caption: string | null; permalink: string | null; isAd: boolean; adTitle: string | null };
  authorName: string;
  createdAt: string;
  /** The private-reply deadline of the policy (none for Instagram Live comments). */
  deadline: string | null;
  entries: CommentTimelineEntry[];
}

const REVIEW_AUDIT_TYPES = ["private_reply.allowed", "private_reply.blocked", "comment.status_changed", "comment.hidden", "comment.unhidden", "comment.deleted", "comment.liked", "comment.unliked"];

/**
 * One keyset page of the account's people's comments (every channel) for review, newest first, each with
 * its timeline (lib/review/build-comment-timeline.ts): the replies, the private-reply decisions and what
 * agents did. The date range selects comments by the local day they were written; `outcome` uses the
 * reports' definitions (lib/reports/report-sql.ts): answered publicly / privately (ever), unanswered (no
 * answer yet), expired (PRIVATE REPLY EXPIRED UNANSWERED), blocked (a private reply the policy refused).
 */
export async function listReviewComments({
  agent,
  query,
  now,
}: {
  agent: SessionAgent;
  query: ReviewCommentsQuery;
  now: Date;
}): Promise<{ comments: ReviewCommentItem[]; nextCursor: string | null }> {
  assertReviewer(agent);
  const cursor = query.cursor ? decodeListCursor(query.cursor) : null;
  if (query.cursor && !cursor) throw AppError.invalid("The page cursor is not valid; start again from the first page.", { field: "cursor" });
  const accountId = agent.accountId;
  const range = query.from || query.to ? { from: query.from ?? query.to!, to: query.to ?? query.from! } : null;

  const conditions: Sql[] = [sql`c.account_id = ${accountId}::uuid`, isPersonComment("c")];
  if (range) conditions.push(sql`c.meta_created_at >= ${rangeStart({ range, timeZone: agent.timezone })} AND c.meta_created_at < ${rangeEnd({ range, timeZone: agent.timezone })}`);
  if (query.channelId) conditions.push(sql`c.channel_id = ${query.channelId}::uuid`);
  if (query.platform) conditions.push(sql`ch.platform = ${query.platform}::platform`);
  const answered = (kind?: "public" | "private") =>
    sql`EXISTS (SELECT 1 FROM (${commentAnswersSql(accountId)}) a WHERE a.comment_id = c.id ${kind ? sql`AND a.kind = ${kind}` : Prisma.empty})`;
  if (query.outcome === "public" || query.outcome === "private") conditions.push(answered(query.outcome));
  if (query.outcome === "unanswered") conditions.push(sql`NOT ${answered()}`);
  if (query.outcome === "expired") conditions.push(sql`c.id IN (SELECT x.comment_id FROM (${expiredCommentsSql({ accountId, now })}) x)`);
  if (query.outcome === "blocked") {
    conditions.push(sql`EXISTS (SELECT 1 FROM audit_events e WHERE e.account_id = c.account_id AND e.type = 'private_reply.blocked' AND e.data->>'commentId' = c.id::text)`);
  }
  if (cursor) conditions.push(sql`(c.meta_created_at, c.id) < (${cursor.at.toISOString()}::timestamptz, ${cursor.id}::uuid)`);

  const page = await db.$queryRaw<{ id: string; meta_created_at: Date }[]>(sql`
    SELECT c.id, c.meta_created_at FROM comments c JOIN channels ch ON ch.id = c.channel_id
     WHERE ${Prisma.join(conditions, " AND ")}
     ORDER BY c.meta_created_at DESC, c.id DESC
     LIMIT ${query.limit + 1}`);
  const ids = page.slice(0, query.limit).map((r) => r.id);
  const last = page.length > query.limit ? page[query.limit - 1] : undefined;
  if (ids.length === 0) return { comments: [], nextCursor: null };

  const [rows, agents] = await Promise.all([
    db.comment.findMany({
      where: { id: { in: ids }, accountId },
      include: {
        channel: { select: { id: true, name: true, platform: true } },
        post: { select: { id: true, caption: true, permalink: true, adId: true, adTitle: true } },
        privateReply: { select: { id: true, text: true, sentAt: true, sendStatus: true, errorMessage: true, agentId: true, conversationId: true } },
      },
    }),
    db.agent.findMany({ where: { accountId }, select: { id: true, name: true } }),
  ]);
  const parentIds = [...new Set(rows.flatMap((r) => [r.metaCommentId, r.parentMetaId]).filter((v): v is string => v !== null))];
  const idList = Prisma.join(ids.map((id) => sql`${id}::uuid`));
  const [replies, audit] = await Promise.all([
    db.$queryRaw<{ id: string; text: string | null; meta_created_at: Date; send_status: "SENT" | "PENDING" | "FAILED" | null; error_message: string | null; agent_id: string | null; comment_id: string }[]>(sql`
      SELECT r.id, r.text, r.meta_created_at, r.send_status::text AS send_status, r.error_message, r.agent_id, t.comment_id
        FROM comments r CROSS JOIN LATERAL (SELECT ${answeredCommentId("r")} AS comment_id) t
       WHERE r.account_id = ${accountId}::uuid AND r.by_page
         AND r.parent_meta_id IN (${Prisma.join(parentIds.length ? parentIds : [""])})
         AND t.comment_id IN (${idList})
       ORDER BY r.meta_created_at, r.id`),
    db.$queryRaw<{ id: string; type: string; data: unknown; actor_id: string | null; created_at: Date; comment_id: string }[]>(sql`
      SELECT e.id, e.type, e.data, e.actor_id, e.created_at, e.data->>'commentId' AS comment_id
        FROM audit_events e
       WHERE e.account_id = ${accountId}::uuid AND e.type IN (${Prisma.join(REVIEW_AUDIT_TYPES)})
         AND e.data->>'commentId' IN (${Prisma.join(ids)})
       ORDER BY e.created_at, e.id`),
  ]);
  const agentNames = new Map(agents.map((a) => [a.id, a.name]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    comments: ids.map((id) => {
      const c = byId.get(id)!;
      const p = c.privateReply;
      return {
        id: c.id,
        channel: c.channel,
        post: { id: c.post.id, caption: c.post.caption, permalink: c.post.permalink, isAd: c.post.adId !== null, adTitle: c.post.adTitle },
        authorName: c.authorName ?? c.authorUsername ?? "Unknown person",
        createdAt: c.metaCreatedAt.toISOString(),
        deadline: c.isLive ? null : privateReplyDeadline(c.metaCreatedAt).toISOString(),
        entries: buildCommentTimeline({
          comment: { authorName: c.authorName ?? c.authorUsername ?? "Unknown person", text: c.text, metaCreatedAt: c.metaCreatedAt, hidden: c.hidden, deletedAt: c.deletedAt, isLive: c.isLive },
          publicReplies: replies
            .filter((r) => r.comment_id === id)
            .map((r) => ({ id: r.id, text: r.text, at: r.meta_created_at, sendStatus: r.send_status, errorMessage: r.error_message, agentId: r.agent_id })),
          privateReply: p ? { id: p.id, text: p.text, at: p.sentAt, sendStatus: p.sendStatus, errorMessage: p.errorMessage, agentId: p.agentId, conversationId: p.conversationId } : null,
          audit: audit.filter((e) => e.comment_id === id).map((e) => ({ id: e.id, type: e.type, data: e.data, actorId: e.actor_id, createdAt: e.created_at })),
          agentNames,
          now,
        }),
      };
    }),
    nextCursor: last ? encodeListCursor({ at: last.meta_created_at, id: last.id }) : null,
  };
}
