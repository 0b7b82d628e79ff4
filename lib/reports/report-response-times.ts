import "server-only";
import { db } from "@/lib/db";
import { answeredWaitsSql, sql, type ReportScope } from "./report-sql";
import { senderLabel, sortReportRows, type Dimension, type TimingRow } from "./report-types";

interface Row {
  dimension: Dimension;
  sender_key: string | null;
  channel_id: string | null;
  agent_name: string | null;
  channel_name: string | null;
  platform: "MESSENGER" | "INSTAGRAM" | null;
  answers: number;
  median_seconds: number | null;
  p90_seconds: number | null;
}

/**
 * Median and p90 (percentile_cont) of reply times — or first-response times with `firstResponse` — for the
 * team, per sender and per channel, over waits answered in the range. Definitions: lib/reports/report-sql.ts.
 */
export async function reportResponseTimes(scope: ReportScope, { firstResponse }: { firstResponse: boolean }): Promise<TimingRow[]> {
  const rows = await db.$queryRaw<Row[]>(sql`
    WITH answers AS (${answeredWaitsSql(scope)}),
    grouped AS (
      SELECT CASE WHEN GROUPING(sender_key) = 0 THEN 'agent' WHEN GROUPING(channel_id) = 0 THEN 'channel' ELSE 'team' END AS dimension,
             sender_key, channel_id, count(*)::int AS answers,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds)::float8 AS median_seconds,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds)::float8 AS p90_seconds
        FROM answers
       ${firstResponse ? sql`WHERE is_first_wait` : sql``}
       GROUP BY GROUPING SETS ((sender_key), (channel_id), ())
    )
    SELECT g.dimension, g.sender_key, g.channel_id::text, ag.name AS agent_name, ch.name AS channel_name, ch.platform::text AS platform,
           g.answers, g.median_seconds, g.p90_seconds
      FROM grouped g
      LEFT JOIN agents ag ON g.dimension = 'agent' AND ag.account_id = ${scope.accountId}::uuid AND ag.id::text = g.sender_key
      LEFT JOIN channels ch ON ch.account_id = ${scope.accountId}::uuid AND ch.id = g.channel_id`);
  return sortReportRows(
    rows
      // An empty range still yields the team row (count 0), which charts show as "no data".
      .filter((r) => r.dimension === "team" || r.answers > 0)
      .map((r) => ({
        dimension: r.dimension,
        key: r.dimension === "team" ? "team" : r.dimension === "agent" ? r.sender_key! : r.channel_id!,
        label: r.dimension === "team" ? "Whole team" : r.dimension === "agent" ? senderLabel(r.sender_key!, r.agent_name) : (r.channel_name ?? "Unknown channel"),
        platform: r.dimension === "channel" ? r.platform : null,
        count: r.answers,
        medianSeconds: r.median_seconds,
        p90Seconds: r.p90_seconds,
      })),
  );
}
