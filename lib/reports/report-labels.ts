import "server-only";
import { db } from "@/lib/db";
import { answeredWaitsSql, channelFilter, isOpener, rangeEnd, rangeStart, sql, type ReportScope } from "./report-sql";
import type { LabelRow } from "./report-types";

interface Row {
  label_id: string;
  name: string;
  color: string;
  received: number;
  resolved: number;
  answered: number;
  median_seconds: number | null;
}

/**
 * PER LABEL — for each account label, over the conversations carrying it now: RECEIVED = conversations in
 * which the person wrote (an opener) in the range; RESOLVED = conversations an agent resolved in the range
 * (audit conversation.status_changed to RESOLVED, as HANDLED counts them); FIRST RESPONSE = the median of
 * the first-response times (lib/reports/report-sql.ts) of the conversations first answered in the range.
 * Every label is listed, with zeros when nothing happened.
 */
export async function reportLabels(scope: ReportScope): Promise<LabelRow[]> {
  const start = rangeStart(scope);
  const end = rangeEnd(scope);
  const rows = await db.$queryRaw<Row[]>(sql`
    WITH received AS (
      SELECT DISTINCT m.conversation_id FROM messages m
       WHERE m.account_id = ${scope.accountId}::uuid AND ${isOpener("m")} AND m.sent_at >= ${start} AND m.sent_at < ${end} ${channelFilter("m", scope)}
    ), resolved AS (
      SELECT DISTINCT e.conversation_id FROM audit_events e JOIN conversations c ON c.id = e.conversation_id AND c.account_id = e.account_id
       WHERE e.account_id = ${scope.accountId}::uuid AND e.type = 'conversation.status_changed' AND e.data->>'to' = 'RESOLVED'
         AND e.actor_id IS NOT NULL AND e.created_at >= ${start} AND e.created_at < ${end} ${channelFilter("c", scope)}
    ), first_waits AS (
      SELECT w.conversation_id, w.seconds FROM (${answeredWaitsSql(scope)}) w WHERE w.is_first_wait
    )
    SELECT l.id::text AS label_id, l.name, l.color,
           (SELECT count(*) FROM conversation_labels cl JOIN received r ON r.conversation_id = cl.conversation_id WHERE cl.label_id = l.id)::int AS received,
           (SELECT count(*) FROM conversation_labels cl JOIN resolved r ON r.conversation_id = cl.conversation_id WHERE cl.label_id = l.id)::int AS resolved,
           (SELECT count(*) FROM conversation_labels cl JOIN first_waits f ON f.conversation_id = cl.conversation_id WHERE cl.label_id = l.id)::int AS answered,
           (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY f.seconds) FROM conversation_labels cl JOIN first_waits f ON f.conversation_id = cl.conversation_id
             WHERE cl.label_id = l.id)::float8 AS median_seconds
      FROM labels l
     WHERE l.account_id = ${scope.accountId}::uuid
     ORDER BY l.name`);
  return rows.map((r) => ({
    key: r.label_id,
    label: r.name,
    color: r.color,
    received: r.received,
    resolved: r.resolved,
    answeredFirstWaits: r.answered,
    medianFirstResponseSeconds: r.median_seconds,
  }));
}
