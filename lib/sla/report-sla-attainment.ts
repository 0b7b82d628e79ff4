import "server-only";
import { calendarOf } from "@/lib/business-hours/business-hours-view";
import { withinTarget } from "@/lib/business-hours/sla";
import { db } from "@/lib/db";
import { answeredWaitsSql, sql, type ReportScope } from "@/lib/reports/report-sql";
import { senderLabel, sortReportRows, type Dimension, type SlaRow } from "@/lib/reports/report-types";
import { getBusinessHours } from "./get-business-hours";

interface Wait {
  channel_id: string;
  sender_key: string;
  wait_started_at: Date;
  answered_at: Date;
  is_conversation_first_wait: boolean;
  agent_name: string | null;
  channel_name: string | null;
  platform: "MESSENGER" | "INSTAGRAM" | null;
}

/**
 * SLA attainment over the waits the team answered in the range (report-sql.ts WAIT, with only the team's
 * replies answering: automation answers nothing): each wait's business time (lib/business-hours, the
 * account's current hours) against the first- or next-response target. Per kind, for the team, per agent
 * who answered and per channel. Without business hours every row has no target.
 */
export async function reportSlaAttainment(scope: ReportScope): Promise<SlaRow[]> {
  const hours = await getBusinessHours(scope.accountId);
  const calendar = calendarOf(hours);
  const waits = await db.$queryRaw<Wait[]>(sql`
    SELECT w.channel_id::text, w.sender_key, w.wait_started_at, w.answered_at, w.is_conversation_first_wait,
           ag.name AS agent_name, ch.name AS channel_name, ch.platform::text AS platform
      FROM (${answeredWaitsSql(scope, { teamOnly: true })}) w
      LEFT JOIN agents ag ON ag.account_id = ${scope.accountId}::uuid AND ag.id::text = w.sender_key
      LEFT JOIN channels ch ON ch.id = w.channel_id`);

  type Group = { dimension: Dimension; key: string; label: string; platform: SlaRow["platform"]; kind: SlaRow["kind"]; ms: number[] };
  const groups = new Map<string, Group>();
  const group = (g: Omit<Group, "ms">) => {
    const id = `${g.kind}:${g.dimension}:${g.key}`;
    const found = groups.get(id) ?? { ...g, ms: [] };
    groups.set(id, found);
    return found;
  };
  const add = (g: Omit<Group, "ms">, ms: number) => group(g).ms.push(ms);
  // The team rows exist even for an empty range (shown as "no data").
  for (const kind of ["first", "next"] as const) group({ dimension: "team", key: "team", label: "Whole team", platform: null, kind });
  for (const w of waits) {
    const kind = w.is_conversation_first_wait ? "first" : "next";
    const ms = hours.configured ? calendar.businessMsBetween(w.wait_started_at, w.answered_at) : Number.NaN;
    add({ dimension: "team", key: "team", label: "Whole team", platform: null, kind }, ms);
    add({ dimension: "agent", key: w.sender_key, label: senderLabel(w.sender_key, w.agent_name), platform: null, kind }, ms);
    add({ dimension: "channel", key: w.channel_id, label: w.channel_name ?? "Unknown channel", platform: w.platform, kind }, ms);
  }
  const rows = [...groups.values()].map((g): SlaRow => {
    const samples = g.ms.filter((ms) => !Number.isNaN(ms)).sort((a, b) => a - b);
    const answered = g.ms.length;
    const targetMinutes = g.kind === "first" ? hours.slaFirstResponseMinutes : hours.slaNextResponseMinutes;
    const met = targetMinutes === null || !hours.configured ? 0 : samples.filter((ms) => withinTarget(ms, targetMinutes)).length;
    return {
      dimension: g.dimension,
      key: g.key,
      label: g.label,
      platform: g.platform,
      kind: g.kind,
      targetMinutes: hours.configured ? targetMinutes : null,
      answered,
      withinTarget: met,
      attainmentPercent: hours.configured && targetMinutes !== null && answered > 0 ? Math.round((met / answered) * 1000) / 10 : null,
      medianBusinessSeconds: samples.length ? median(samples) / 1000 : null,
    };
  });
  const firsts = sortReportRows(rows.filter((r) => r.kind === "first"));
  const nexts = sortReportRows(rows.filter((r) => r.kind === "next"));
  return [...firsts, ...nexts];
}

function median(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
