import "server-only";
import { db } from "@/lib/db";
import { answeredWaitsSql, channelFilter, rangeEnd, rangeStart, sql, type ReportScope } from "./report-sql";
import { senderLabel, sortReportRows, type Dimension, type HandledRow } from "./report-types";

interface Row {
  dimension: Dimension;
  agent_id: string | null;
  channel_id: string | null;
  agent_name: string | null;
  channel_name: string | null;
  platform: "MESSENGER" | "INSTAGRAM" | null;
  handled: number;
  replied: number;
  resolved: number;
}

/**
 * HANDLED conversations (lib/reports/report-sql.ts), for the team, per sender and per channel: distinct
 * conversations in which a wait was answered in the range — the answers first-response and reply time
 * measure, so the team's "replied" equals the first-response count — or that an agent resolved in the range.
 */
export async function reportConversationsHandled(scope: ReportScope): Promise<HandledRow[]> {
  const start = rangeStart(scope);
  const end = rangeEnd(scope);
  const rows = await db.$queryRaw<Row[]>(sql`
    WITH answers AS (${answeredWaitsSql(scope)}),
    touched AS (
      SELECT a.sender_key AS agent_key, a.channel_id, a.conversation_id, true AS replied, false AS resolved
        FROM answers a
      UNION ALL
      SELECT e.actor_id::text, c.channel_id, e.conversation_id, false, true
        FROM audit_events e JOIN conversations c ON c.id = e.conversation_id AND c.account_id = e.account_id
       WHERE e.account_id = ${scope.accountId}::uuid AND e.type = 'conversation.status_changed' AND e.data->>'to' = 'RESOLVED'
         AND e.actor_id IS NOT NULL AND e.created_at >= ${start} AND e.created_at < ${end} ${channelFilter("c", scope)}
    ), grouped AS (
      SELECT CASE WHEN GROUPING(agent_key) = 0 THEN 'agent' WHEN GROUPING(channel_id) = 0 THEN 'channel' ELSE 'team' END AS dimension,
             agent_key, channel_id,
             count(DISTINCT conversation_id)::int AS handled,
             count(DISTINCT conversation_id) FILTER (WHERE replied)::int AS replied,
             count(DISTINCT conversation_id) FILTER (WHERE resolved)::int AS resolved
        FROM touched
       GROUP BY GROUPING SETS ((agent_key), (channel_id), ())
    )
    SELECT g.dimension, g.agent_key AS agent_id, g.channel_id::text, ag.name AS agent_name, ch.name AS channel_name, ch.platform::text AS platform,
           g.handled, g.replied, g.resolved
      FROM grouped g
      LEFT JOIN agents ag ON g.dimension = 'agent' AND ag.account_id = ${scope.accountId}::uuid AND ag.id::text = g.agent_key
      LEFT JOIN channels ch ON ch.account_id = ${scope.accountId}::uuid AND ch.id = g.channel_id`);
  return sortReportRows(
    rows.map((r) => ({
      dimension: r.dimension,
      key: r.dimension === "team" ? "team" : r.dimension === "agent" ? r.agent_id! : r.channel_id!,
      label: r.dimension === "team" ? "Whole team" : r.dimension === "agent" ? senderLabel(r.agent_id!, r.agent_name) : (r.channel_name ?? "Unknown channel"),
      platform: r.dimension === "channel" ? r.platform : null,
      handled: r.handled,
      replied: r.replied,
      resolved: r.resolved,
    })),
  );
}
