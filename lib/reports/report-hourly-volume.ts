import "server-only";
import { db } from "@/lib/db";
import { channelFilter, isOpener, isReply, rangeEnd, rangeStart, sql, type ReportScope } from "./report-sql";
import type { HourVolumeRow } from "./report-types";

/**
 * Messages per local hour of the day (0–23, the account's zone, DST included), summed over the range:
 * OPENERs from people and REPLYs from the Page (lib/reports/report-sql.ts). Every hour is present.
 */
export async function reportHourlyVolume(scope: ReportScope): Promise<HourVolumeRow[]> {
  return db.$queryRaw<HourVolumeRow[]>(sql`
    WITH counts AS (
      SELECT extract(hour FROM m.sent_at AT TIME ZONE ${scope.timeZone})::int AS hour,
             count(*) FILTER (WHERE ${isOpener("m")}) AS inbound,
             count(*) FILTER (WHERE ${isReply("m")}) AS replies
        FROM messages m
       WHERE m.account_id = ${scope.accountId}::uuid AND m.sent_at >= ${rangeStart(scope)} AND m.sent_at < ${rangeEnd(scope)}
         ${channelFilter("m", scope)}
       GROUP BY 1
    )
    SELECT h.hour, coalesce(c.inbound, 0)::int AS inbound, coalesce(c.replies, 0)::int AS replies
      FROM generate_series(0, 23) AS h(hour) LEFT JOIN counts c ON c.hour = h.hour
     ORDER BY h.hour`);
}
