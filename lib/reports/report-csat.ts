import "server-only";
import { db } from "@/lib/db";
import { channelFilter, rangeEnd, rangeStart, sql, type ReportScope } from "./report-sql";
import type { CsatRow } from "./report-types";

interface Row {
  dimension: CsatRow["dimension"];
  key: string | null;
  name: string | null;
  platform: "MESSENGER" | "INSTAGRAM" | null;
  ratings: number;
  average: number | null;
  satisfied: number;
}

const ORDER: Record<CsatRow["dimension"], number> = { team: 0, agent: 1, channel: 2, label: 3 };

/**
 * CSAT — satisfaction surveys answered in the range (by the person's answer time), for the team, per agent
 * (the assignee when the conversation was resolved), per channel and per label (the conversation's labels
 * now; a conversation with two labels counts for both). Satisfied = 4 or 5.
 */
export async function reportCsat(scope: ReportScope): Promise<CsatRow[]> {
  const start = rangeStart(scope);
  const end = rangeEnd(scope);
  const rows = await db.$queryRaw<Row[]>(sql`
    WITH answered AS (
      SELECT s.id, coalesce(s.agent_id::text, 'none') AS agent_key, s.channel_id, s.conversation_id, s.rating
        FROM csat_surveys s
       WHERE s.account_id = ${scope.accountId}::uuid AND s.rating IS NOT NULL
         AND s.answered_at >= ${start} AND s.answered_at < ${end} ${channelFilter("s", scope)}
    ), grouped AS (
      SELECT CASE WHEN GROUPING(agent_key) = 0 THEN 'agent' WHEN GROUPING(channel_id) = 0 THEN 'channel' ELSE 'team' END AS dimension,
             coalesce(agent_key, channel_id::text) AS key,
             count(*)::int AS ratings, round(avg(rating), 2)::float8 AS average, count(*) FILTER (WHERE rating >= 4)::int AS satisfied
        FROM answered GROUP BY GROUPING SETS ((agent_key), (channel_id), ())
      UNION ALL
      SELECT 'label', cl.label_id::text, count(*)::int, round(avg(a.rating), 2)::float8, count(*) FILTER (WHERE a.rating >= 4)::int
        FROM answered a JOIN conversation_labels cl ON cl.conversation_id = a.conversation_id
       GROUP BY cl.label_id
    )
    SELECT g.dimension, g.key, coalesce(ag.name, ch.name, lb.name) AS name, ch.platform::text AS platform, g.ratings, g.average, g.satisfied
      FROM grouped g
      LEFT JOIN agents ag ON g.dimension = 'agent' AND ag.account_id = ${scope.accountId}::uuid AND ag.id::text = g.key
      LEFT JOIN channels ch ON g.dimension = 'channel' AND ch.account_id = ${scope.accountId}::uuid AND ch.id::text = g.key
      LEFT JOIN labels lb ON g.dimension = 'label' AND lb.account_id = ${scope.accountId}::uuid AND lb.id::text = g.key`);
  return rows
    .filter((r) => r.dimension !== "team" || r.ratings > 0)
    .map((r) => ({
      dimension: r.dimension,
      key: r.dimension === "team" ? "team" : r.key!,
      label: r.dimension === "team" ? "Whole team" : r.dimension === "agent" && r.key === "none" ? "Unassigned" : (r.name ?? "Former team member"),
      platform: r.dimension === "channel" ? r.platform : null,
      ratings: r.ratings,
      average: r.average,
      satisfiedPercent: r.ratings > 0 ? Math.round((1000 * r.satisfied) / r.ratings) / 10 : null,
    }))
    .sort((a, b) => ORDER[a.dimension] - ORDER[b.dimension] || a.label.localeCompare(b.label));
}
