import "server-only";
import { db } from "@/lib/db";
import { channelFilter, rangeEnd, rangeStart, replyTurnsSql, sql, windowLapsesSql, type ReportScope } from "./report-sql";
import type { WindowOutcomeRow } from "./report-types";

interface Row {
  day: string;
  inside_24h: number;
  human_agent: number;
  missed_24h: number;
  missed_7d: number;
}

/**
 * Per local day of the range: REPLY TURNs sent by us inside the 24 h window (their first message went
 * out as messaging_type RESPONSE, send_status SENT), REPLY TURNs sent with MESSAGE_TAG + HUMAN_AGENT (SENT),
 * and WINDOW LAPSEs whose deadline fell that day, 24 h and 7 d — only those the team could act on (channel
 * connected, conversation in the inbox). Definitions: lib/reports/report-sql.ts.
 */
export async function reportWindowOutcomes(scope: ReportScope): Promise<WindowOutcomeRow[]> {
  const start = rangeStart(scope);
  const end = rangeEnd(scope);
  const rows = await db.$queryRaw<Row[]>(sql`
    WITH days AS (
      SELECT d::date AS day FROM generate_series(${scope.range.from}::date, ${scope.range.to}::date, interval '1 day') AS d
    ), replies AS (
      SELECT (m.sent_at AT TIME ZONE ${scope.timeZone})::date AS day,
             count(*) FILTER (WHERE m.messaging_type = 'RESPONSE') AS inside_24h,
             count(*) FILTER (WHERE m.messaging_type = 'MESSAGE_TAG' AND m.tag = 'HUMAN_AGENT') AS human_agent
        FROM (${replyTurnsSql({ accountId: scope.accountId, start, end, where: channelFilter("m", scope) })}) m
       WHERE m.send_status = 'SENT'
       GROUP BY 1
    ), lapses AS (
      SELECT (l.deadline AT TIME ZONE ${scope.timeZone})::date AS day,
             count(*) FILTER (WHERE l.window = '24h') AS missed_24h,
             count(*) FILTER (WHERE l.window = '7d') AS missed_7d
        FROM (${windowLapsesSql({ accountId: scope.accountId, now: scope.now, start, end, where: channelFilter("o", scope) })}) l
       GROUP BY 1
    )
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
           coalesce(r.inside_24h, 0)::int AS inside_24h, coalesce(r.human_agent, 0)::int AS human_agent,
           coalesce(l.missed_24h, 0)::int AS missed_24h, coalesce(l.missed_7d, 0)::int AS missed_7d
      FROM days d LEFT JOIN replies r ON r.day = d.day LEFT JOIN lapses l ON l.day = d.day
     ORDER BY d.day`);
  return rows.map((r) => ({
    day: r.day,
    repliesInside24h: r.inside_24h,
    repliesHumanAgent: r.human_agent,
    windowsMissed24h: r.missed_24h,
    windowsMissed7d: r.missed_7d,
  }));
}
