import "server-only";
import { calendarOf } from "@/lib/business-hours/business-hours-view";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { addDays, daysBetween, localDateOf } from "@/lib/reports/zoned-time";
import { actionableAtDeadlineSql, channelFilter, HUMAN_AGENT_DEADLINE, isOpener, isReply, rangeEnd, rangeStart, sql, STANDARD_DEADLINE, type ReportScope } from "@/lib/reports/report-sql";
import type { WindowClosureRow } from "@/lib/reports/report-types";
import { getBusinessHours } from "./get-business-hours";

interface Candidate {
  opened_at: Date;
  deadline: Date;
  window: "24h" | "7d";
  first_reply_at: Date | null;
}

/**
 * Windows flagged vs missed, per local day of the deadline (the inbox's "Before closing", after
 * the fact). A window — the person's last opener before its deadline D (report-sql.ts WINDOW LAPSE: 24 h, or
 * 7 days on channels with the Human Agent feature, minus our margin) — was FLAGGED when D fell while the
 * team was closed and the person was still waiting at the last closing C before D (wrote before C, no team
 * reply before C); it was MISSED when, in addition, no team reply came before D. Deadlines still ahead are
 * not counted, nor windows the team could not act on (channel disconnected, conversation resolved: report-sql.ts).
 * Hours are the account's current ones; without hours nothing is flagged.
 */
export async function reportWindowClosures(scope: ReportScope): Promise<WindowClosureRow[]> {
  const hours = await getBusinessHours(scope.accountId);
  const days = daysBetween(scope.range.from, scope.range.to) + 1;
  const rows = new Map<string, WindowClosureRow>();
  for (let i = 0; i < days; i++) {
    const day = addDays(scope.range.from, i);
    rows.set(day, { day, flagged24h: 0, missed24h: 0, flagged7d: 0, missed7d: 0 });
  }
  if (!hours.configured) return [...rows.values()];
  const calendar = calendarOf(hours);
  const start = rangeStart(scope);
  const end = rangeEnd(scope);
  const teamReply = (m: "r") => sql`(${isReply(m)} AND ${Prisma.raw(m)}.sender_kind <> 'OUR_APP')`;
  const candidates = await db.$queryRaw<Candidate[]>(sql`
    SELECT o.sent_at AS opened_at, o.sent_at + w.span AS deadline, w.name AS window,
           (SELECT min(r.sent_at) FROM messages r WHERE r.conversation_id = o.conversation_id AND r.sent_at >= o.sent_at AND ${teamReply("r")}) AS first_reply_at
      FROM messages o
      JOIN channels ch ON ch.id = o.channel_id
      CROSS JOIN (VALUES ('24h', ${STANDARD_DEADLINE}), ('7d', ${HUMAN_AGENT_DEADLINE})) AS w(name, span)
     WHERE o.account_id = ${scope.accountId}::uuid AND ${isOpener("o")} ${channelFilter("o", scope)}
       AND o.sent_at >= ${start} - w.span AND o.sent_at < ${end} - w.span
       AND o.sent_at + w.span <= ${scope.now.toISOString()}::timestamptz
       AND (w.name = '24h' OR ch.human_agent_enabled)
       -- The last opener before its deadline: a later one renewed the window and is judged instead.
       AND NOT EXISTS (SELECT 1 FROM messages n WHERE n.conversation_id = o.conversation_id AND ${isOpener("n")}
                        AND (n.sent_at, n.id) > (o.sent_at, o.id) AND n.sent_at < o.sent_at + w.span)
       -- As in the window outcomes: a window of a disconnected channel or a resolved conversation is nobody's miss.
       AND ${actionableAtDeadlineSql()}`);
  for (const c of candidates) {
    if (calendar.isOpen(c.deadline)) continue;
    const lastClose = calendar.lastCloseAtOrBefore(c.deadline);
    if (!lastClose || c.opened_at >= lastClose) continue;
    if (c.first_reply_at && c.first_reply_at < lastClose) continue;
    const row = rows.get(localDateOf(c.deadline, hours.timezone));
    if (!row) continue;
    const missed = !c.first_reply_at || c.first_reply_at >= c.deadline;
    if (c.window === "24h") {
      row.flagged24h++;
      if (missed) row.missed24h++;
    } else {
      row.flagged7d++;
      if (missed) row.missed7d++;
    }
  }
  return [...rows.values()];
}
