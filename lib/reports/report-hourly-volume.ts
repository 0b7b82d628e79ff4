import "server-only";
import { db } from "@/lib/db";
import { channelFilter, isOpener, rangeEnd, rangeStart, replyTurnsSql, sql, type ReportScope } from "./report-sql";
import type { HourVolumeRow } from "./report-types";

/**
 * Messages per local hour of the day (0–23, the account's zone, DST included), summed over the range:
 * OPENERs from people and REPLY TURNs from the Page (text + its files = one reply; lib/reports/report-sql.ts).
 * Every hour is present.
 */
export async function reportHourlyVolume(scope: ReportScope): Promise<HourVolumeRow[]> {
  return db.$queryRaw<HourVolumeRow[]>(sql`
    WITH inbound AS (
      SELECT extract(hour FROM m.sent_at AT TIME ZONE ${scope.timeZone})::int AS hour, count(*) AS n
        FROM messages m
       WHERE m.account_id = ${scope.accountId}::uuid AND ${isOpener("m")}
         AND m.sent_at >= ${rangeStart(scope)} AND m.sent_at < ${rangeEnd(scope)} ${channelFilter("m", scope)}
       GROUP BY 1
    ), replies AS (
      SELECT extract(hour FROM t.sent_at AT TIME ZONE ${scope.timeZone})::int AS hour, count(*) AS n
        FROM (${replyTurnsSql({ accountId: scope.accountId, start: rangeStart(scope), end: rangeEnd(scope), where: channelFilter("m", scope) })}) t
       GROUP BY 1
    )
    SELECT h.hour, coalesce(i.n, 0)::int AS inbound, coalesce(r.n, 0)::int AS replies
      FROM generate_series(0, 23) AS h(hour) LEFT JOIN inbound i ON i.hour = h.hour LEFT JOIN replies r ON r.hour = h.hour
     ORDER BY h.hour`);
}
