import "server-only";
import { db } from "@/lib/db";
import { channelFilter, isReply, rangeEnd, rangeStart, sql, type ReportScope } from "./report-sql";
import { sortReportRows, type Dimension, type HandledRow } from "./report-types";

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
 * Conversations handled in the range, for the team, per agent and per channel: distinct conversations in
 * which an agent sent a REPLY (sender_kind AGENT, by Meta time) or that an agent resolved (audit event
 * conversation.status_changed with to = RESOLVED, by our time). Automation and other apps handle nothing.
 */
export async function reportConversationsHandled(scope: ReportScope): Promise<HandledRow[]> {
  const start = rangeStart(scope);
  const end = rangeEnd(scope);
  const rows = await db.$queryRaw<Row[]>(sql`
    WITH touched AS (
      SELECT m.agent_id, m.channel_id, m.conversation_id, true AS replied, false AS resolved
        FROM messages m
       WHERE m.account_id = ${scope.accountId}::uuid AND ${isReply("m")} AND m.sender_kind = 'AGENT' AND m.agent_id IS NOT NULL
         AND m.sent_at >= ${start} AND m.sent_at < ${end} ${channelFilter("m", scope)}
      UNION ALL
      SELECT e.actor_id, c.channel_id, e.conversation_id, false, true
        FROM audit_events e JOIN conversations c ON c.id = e.conversation_id AND c.account_id = e.account_id
       WHERE e.account_id = ${scope.accountId}::uuid AND e.type = 'conversation.status_changed' AND e.data->>'to' = 'RESOLVED'
         AND e.actor_id IS NOT NULL AND e.created_at >= ${start} AND e.created_at < ${end} ${channelFilter("c", scope)}
    ), grouped AS (
      SELECT CASE WHEN GROUPING(agent_id) = 0 THEN 'agent' WHEN GROUPING(channel_id) = 0 THEN 'channel' ELSE 'team' END AS dimension,
             agent_id, channel_id,
             count(DISTINCT conversation_id)::int AS handled,
             count(DISTINCT conversation_id) FILTER (WHERE replied)::int AS replied,
             count(DISTINCT conversation_id) FILTER (WHERE resolved)::int AS resolved
        FROM touched
       GROUP BY GROUPING SETS ((agent_id), (channel_id), ())
    )
    SELECT g.dimension, g.agent_id::text, g.channel_id::text, ag.name AS agent_name, ch.name AS channel_name, ch.platform::text AS platform,
           g.handled, g.replied, g.resolved
      FROM grouped g
      LEFT JOIN agents ag ON ag.account_id = ${scope.accountId}::uuid AND ag.id = g.agent_id
      LEFT JOIN channels ch ON ch.account_id = ${scope.accountId}::uuid AND ch.id = g.channel_id`);
  return sortReportRows(
    rows.map((r) => ({
      dimension: r.dimension,
      key: r.dimension === "team" ? "team" : r.dimension === "agent" ? r.agent_id! : r.channel_id!,
      label: r.dimension === "team" ? "Whole team" : r.dimension === "agent" ? (r.agent_name ?? "Former team member") : (r.channel_name ?? "Unknown channel"),
      platform: r.dimension === "channel" ? r.platform : null,
      handled: r.handled,
      replied: r.replied,
      resolved: r.resolved,
    })),
  );
}
