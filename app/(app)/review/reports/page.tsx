import type { Metadata } from "next";
import { BarRowsChart, type BarRow } from "@/components/review/charts/bar-rows-chart";
import type { ChartSeries } from "@/components/review/charts/chart-legend";
import { ColumnChart } from "@/components/review/charts/column-chart";
import { InvalidFilters } from "@/components/review/invalid-filters";
import { ReportFilters } from "@/components/review/report-filters";
import { DataTable, ReportSection, StatTiles } from "@/components/review/report-section";
import { MANAGERS, requirePageAgent } from "@/lib/auth/session";
import { REPORT_TITLES, type ReportName } from "@/lib/reports/report-catalog";
import { formatDay, formatDuration } from "@/lib/reports/format-duration";
import { reportScopeFor } from "@/lib/reports/report-scope";
import type { CommentAnswerRow, CsatRow, Dimension, HandledRow, TimingRow } from "@/lib/reports/report-types";
import { runReport } from "@/lib/reports/run-report";
import { listReviewFilterOptions } from "@/lib/review/list-review-filter-options";
import { firstValues, reportQuerySchema } from "@/lib/validations/review";

export const metadata: Metadata = { title: "Reports · Review" };

const percent = (value: number | null | undefined) => (value === null || value === undefined ? "–" : `${value} %`);
const GROUP: Record<Dimension, string> = { team: "Team", agent: "By agent", channel: "By channel" };
const CSAT_GROUP: Record<CsatRow["dimension"], string> = { ...GROUP, label: "By label" };
const PLATFORM = { MESSENGER: "Messenger", INSTAGRAM: "Instagram" } as const;

const TIMING_SERIES: ChartSeries[] = [
  { key: "p90", label: "p90 (9 in 10 answered within)", fill: "fill-brand/30" },
  { key: "median", label: "Median", fill: "fill-brand" },
];
const OUTCOME_SERIES: ChartSeries[] = [
  { key: "inside", label: "Replies inside 24 h", fill: "fill-window-open" },
  { key: "human", label: "Replies with HUMAN_AGENT", fill: "fill-window-human" },
  { key: "missed24", label: "Windows missed (24 h)", fill: "fill-window-urgent" },
  { key: "missed7", label: "Missed entirely (7 d)", fill: "fill-slate-700" },
];
const HOUR_SERIES: ChartSeries[] = [
  { key: "inbound", label: "Messages from people", fill: "fill-brand" },
  { key: "replies", label: "Replies", fill: "fill-window-open" },
];

function rowLabel(row: { dimension: Dimension; label: string; platform: "MESSENGER" | "INSTAGRAM" | null }) {
  return row.platform ? `${row.label} (${PLATFORM[row.platform]})` : row.label;
}

function timingRows(rows: TimingRow[]): BarRow[] {
  return rows.map((r) => ({
    key: `${r.dimension}-${r.key}`,
    label: rowLabel(r),
    group: GROUP[r.dimension],
    values: [r.p90Seconds, r.medianSeconds],
    caption: r.count ? `median ${formatDuration(r.medianSeconds)} · p90 ${formatDuration(r.p90Seconds)} · n=${r.count}` : "no answered waits",
  }));
}

function timingTable(caption: string, rows: TimingRow[]) {
  return (
    <DataTable
      caption={caption}
      headers={["Name", "Breakdown", "Answered waits", "Median", "p90"]}
      rows={rows.map((r) => [rowLabel(r), GROUP[r.dimension], r.count, formatDuration(r.medianSeconds), formatDuration(r.p90Seconds)])}
    />
  );
}

function timingSummary(rows: TimingRow[]) {
  const team = rows.find((r) => r.dimension === "team");
  return team?.count
    ? `Whole team: median ${formatDuration(team.medianSeconds)}, p90 ${formatDuration(team.p90Seconds)} over ${team.count} answered waits. Per agent and channel in the table below.`
    : "No waits were answered in this range.";
}

function handledRows(rows: HandledRow[]): BarRow[] {
  return rows.map((r) => ({
    key: `${r.dimension}-${r.key}`,
    label: rowLabel(r),
    group: GROUP[r.dimension],
    values: [r.handled],
    caption: `${r.handled} handled · ${r.replied} replied · ${r.resolved} resolved`,
  }));
}

function commentRows(rows: CommentAnswerRow[]): BarRow[] {
  return rows
    .filter((r) => r.firstAnswers > 0)
    .map((r) => ({
      key: `${r.dimension}-${r.key}`,
      label: rowLabel(r),
      group: GROUP[r.dimension],
      values: [r.medianFirstAnswerSeconds],
      caption: `median ${formatDuration(r.medianFirstAnswerSeconds)} · n=${r.firstAnswers}`,
    }));
}

export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const agent = await requirePageAgent(MANAGERS);
  const raw = firstValues(await searchParams);
  const parsed = reportQuerySchema.safeParse(raw);
  const options = await listReviewFilterOptions({ agent });
  if (!parsed.success) {
    return (
      <div className="space-y-5">
        <ReportFilters values={raw} channels={options.channels} timeZone={agent.timezone} />
        <InvalidFilters messages={parsed.error.issues.map((i) => i.message)} resetHref="/review/reports" />
      </div>
    );
  }
  const scope = reportScopeFor(agent, parsed.data, new Date());
  const [firstResponse, replyTime, outcomes, handled, hourly, comments, csat, labels, sla, closures] = await Promise.all([
    runReport("first-response-time", scope),
    runReport("reply-time", scope),
    runReport("window-outcomes", scope),
    runReport("conversations-handled", scope),
    runReport("volume-by-hour", scope),
    runReport("comment-answers", scope),
    runReport("csat", scope),
    runReport("labels", scope),
    runReport("sla-attainment", scope),
    runReport("window-closures", scope),
  ]);
  const slaTeam = (kind: "first" | "next") => sla.find((r) => r.dimension === "team" && r.kind === kind);
  const closureTotals = closures.reduce(
    (t, d) => ({ flagged: t.flagged + d.flagged24h + d.flagged7d, missed: t.missed + d.missed24h + d.missed7d }),
    { flagged: 0, missed: 0 },
  );
  const commentTeam = comments.find((r) => r.dimension === "team")!;
  const csatTeam = csat.find((r) => r.dimension === "team");
  const query = new URLSearchParams({ from: scope.range.from, to: scope.range.to });
  if (scope.channelId) query.set("channelId", scope.channelId);
  if (scope.platform) query.set("platform", scope.platform);
  const csv = (name: ReportName) => `/api/review/reports/${name}.csv?${query}`;
  const totals = outcomes.reduce(
    (t, d) => ({
      inside: t.inside + d.repliesInside24h,
      human: t.human + d.repliesHumanAgent,
      missed24: t.missed24 + d.windowsMissed24h,
      missed7: t.missed7 + d.windowsMissed7d,
    }),
    { inside: 0, human: 0, missed24: 0, missed7: 0 },
  );
  const inbound = hourly.reduce((n, h) => n + h.inbound, 0);
  const busiest = hourly.reduce((best, h) => (h.inbound > best.inbound ? h : best), hourly[0]!);
  const rangeText = scope.range.from === scope.range.to ? formatDay(scope.range.from) : `${formatDay(scope.range.from)} – ${formatDay(scope.range.to)}`;

  return (
    <div className="space-y-5">
      <ReportFilters values={{ ...raw, from: scope.range.from, to: scope.range.to }} channels={options.channels} timeZone={agent.timezone} />
      <p className="text-sm text-slate-600">
        <span className="font-medium text-slate-900">{rangeText}</span> · {agent.timezone}
        {scope.channelId ? ` · ${options.channels.find((c) => c.id === scope.channelId)?.name ?? "one channel"}` : ""}
        {scope.platform ? ` · ${PLATFORM[scope.platform]} only` : ""}
      </p>

      <ReportSection
        id="window-outcomes"
        title={REPORT_TITLES["window-outcomes"]}
        csvHref={csv("window-outcomes")}
        definition={
          <>
            Replies sent inside the 24-hour window (RESPONSE) and with the HUMAN_AGENT tag, per day they were sent. A window is missed when
            the person&apos;s last message got no reply before its deadline (24 h, or 7 days for &ldquo;missed entirely&rdquo;, both minus
            our 5-minute safety margin); it counts on the day the deadline passed.
          </>
        }
        table={
          <DataTable
            caption="Replies and missed windows per day"
            headers={["Day", "Replies inside 24 h", "With HUMAN_AGENT", "Missed (24 h)", "Missed entirely (7 d)"]}
            rows={outcomes.map((d) => [formatDay(d.day), d.repliesInside24h, d.repliesHumanAgent, d.windowsMissed24h, d.windowsMissed7d])}
          />
        }
      >
        <StatTiles
          stats={[
            { label: "Replies inside 24 h", value: totals.inside, tone: "text-window-open" },
            { label: "Replies with HUMAN_AGENT", value: totals.human, tone: "text-window-human" },
            { label: "Windows missed (24 h)", value: totals.missed24, tone: "text-window-urgent" },
            { label: "Missed entirely (7 d)", value: totals.missed7, tone: "text-slate-700" },
          ]}
        />
        <ColumnChart
          id="chart-window-outcomes"
          title="Replies and missed windows per day"
          summary={`${totals.inside} replies inside 24 hours, ${totals.human} with HUMAN_AGENT, ${totals.missed24} windows missed after 24 hours and ${totals.missed7} missed entirely, ${rangeText}.`}
          categories={outcomes.map((d) => formatDay(d.day))}
          series={OUTCOME_SERIES}
          values={outcomes.map((d) => [d.repliesInside24h, d.repliesHumanAgent, d.windowsMissed24h, d.windowsMissed7d])}
          labelEvery={Math.ceil(outcomes.length / 10)}
        />
      </ReportSection>

      <ReportSection
        id="first-response-time"
        title={REPORT_TITLES["first-response-time"]}
        csvHref={csv("first-response-time")}
        definition="From the person's first message in a conversation to the first reply after it, for conversations first answered in this range; by the agent who answered and by channel."
        table={timingTable("First-response time per agent and channel", firstResponse)}
      >
        <BarRowsChart id="chart-first-response" title="First-response time, median and p90" summary={timingSummary(firstResponse)} rows={timingRows(firstResponse)} series={TIMING_SERIES} />
      </ReportSection>

      <ReportSection
        id="reply-time"
        title={REPORT_TITLES["reply-time"]}
        csvHref={csv("reply-time")}
        definition="Every time the person wrote and waited: from their first unanswered message to the reply that answered it. Follow-up messages with nothing to answer are not counted."
        table={timingTable("Reply time per agent and channel", replyTime)}
      >
        <BarRowsChart id="chart-reply-time" title="Reply time, median and p90" summary={timingSummary(replyTime)} rows={timingRows(replyTime)} series={TIMING_SERIES} />
      </ReportSection>

      <ReportSection
        id="conversations-handled"
        title={REPORT_TITLES["conversations-handled"]}
        csvHref={csv("conversations-handled")}
        definition="Distinct conversations an agent replied in or resolved during the range."
        table={
          <DataTable
            caption="Conversations handled per agent and channel"
            headers={["Name", "Breakdown", "Handled", "Replied in", "Resolved"]}
            rows={handled.map((r) => [rowLabel(r), GROUP[r.dimension], r.handled, r.replied, r.resolved])}
          />
        }
      >
        {handled.length ? (
          <BarRowsChart
            id="chart-handled"
            title="Conversations handled"
            summary={`The team handled ${handled.find((r) => r.dimension === "team")?.handled ?? 0} conversations. Per agent and channel in the table below.`}
            rows={handledRows(handled)}
            series={[{ key: "handled", label: "Conversations handled", fill: "fill-brand" }]}
          />
        ) : (
          <p className="text-sm text-slate-500">No conversation was replied in or resolved in this range.</p>
        )}
      </ReportSection>

      <ReportSection
        id="csat"
        title={REPORT_TITLES.csat}
        csvHref={csv("csat")}
        definition="Ratings from 1 to 5 people gave to the survey sent when their conversation was resolved, by the day they answered: per agent (the assignee at resolve), channel and label. Satisfied = 4 or 5."
        table={
          <DataTable
            caption="Satisfaction per agent, channel and label"
            headers={["Name", "Breakdown", "Ratings", "Average", "Satisfied (4–5)"]}
            rows={csat.map((r) => [
              r.dimension === "channel" ? rowLabel({ ...r, dimension: "channel" }) : r.label,
              CSAT_GROUP[r.dimension],
              r.ratings,
              r.average === null ? "—" : r.average.toFixed(2),
              r.satisfiedPercent === null ? "—" : `${r.satisfiedPercent}%`,
            ])}
          />
        }
      >
        {csatTeam ? (
          <StatTiles
            stats={[
              { label: "Ratings", value: csatTeam.ratings },
              { label: "Average (1–5)", value: csatTeam.average?.toFixed(2) ?? "—" },
              { label: "Satisfied (4–5)", value: `${csatTeam.satisfiedPercent ?? 0}%` },
            ]}
          />
        ) : (
          <p className="text-sm text-slate-500">No ratings in this range. Admins turn the survey on under Surveys.</p>
        )}
      </ReportSection>

      <ReportSection
        id="labels"
        title={REPORT_TITLES.labels}
        csvHref={csv("labels")}
        definition="For the conversations carrying each label: those in which the person wrote during the range, those an agent resolved, and the median first-response time of those first answered in the range."
        table={
          <DataTable
            caption="Conversations per label"
            headers={["Label", "Received", "Resolved", "First responses", "Median first response"]}
            rows={labels.map((r) => [r.label, r.received, r.resolved, r.answeredFirstWaits, formatDuration(r.medianFirstResponseSeconds)])}
          />
        }
      >
        {labels.length === 0 ? <p className="text-sm text-slate-500">No labels yet.</p> : null}
      </ReportSection>

      <ReportSection
        id="volume-by-hour"
        title={REPORT_TITLES["volume-by-hour"]}
        csvHref={csv("volume-by-hour")}
        definition={`Messages from people and replies per hour of the day in ${agent.timezone}, added up over the range.`}
        table={
          <DataTable
            caption="Messages per hour of day"
            headers={["Hour", "Messages from people", "Replies"]}
            rows={hourly.map((h) => [`${String(h.hour).padStart(2, "0")}:00`, h.inbound, h.replies])}
          />
        }
      >
        <ColumnChart
          id="chart-hourly"
          title="Messages per hour of day"
          summary={inbound ? `${inbound} messages from people; the busiest hour was ${String(busiest.hour).padStart(2, "0")}:00 with ${busiest.inbound}.` : "No messages in this range."}
          categories={hourly.map((h) => String(h.hour).padStart(2, "0"))}
          series={HOUR_SERIES}
          values={hourly.map((h) => [h.inbound, h.replies])}
          labelEvery={2}
        />
      </ReportSection>

      <ReportSection
        id="comment-answers"
        title={REPORT_TITLES["comment-answers"]}
        csvHref={csv("comment-answers")}
        definition={
          <>
            People&apos;s comments on the Pages&apos; posts and ads and on Instagram media written in this range; comments first answered
            publicly (a reply from the Page, sent here or in another app) or privately (the one private message Meta allows) in this
            range, and the median time from the comment to its first answer of either kind. A private reply expired unanswered when the
            comment&apos;s 7 days (minus our 5-minute margin) passed with no answer at all — not counting comments removed, resolved
            without an answer, or on Instagram Live; it counts on the day the deadline passed.
          </>
        }
        table={
          <DataTable
            caption="Comments per channel"
            headers={["Name", "Breakdown", "Received", "Answered publicly", "Answered privately", "Median to first answer", "Expired unanswered"]}
            rows={comments.map((r) => [rowLabel(r), GROUP[r.dimension], r.received, r.answeredPublic, r.answeredPrivate, formatDuration(r.medianFirstAnswerSeconds), r.expiredUnanswered])}
          />
        }
      >
        <StatTiles
          stats={[
            { label: "Comments received", value: commentTeam.received },
            { label: "Answered publicly", value: commentTeam.answeredPublic, tone: "text-window-open" },
            { label: "Answered privately", value: commentTeam.answeredPrivate, tone: "text-window-open" },
            { label: "Median to first answer", value: formatDuration(commentTeam.medianFirstAnswerSeconds) },
            { label: "Private replies expired unanswered", value: commentTeam.expiredUnanswered, tone: "text-window-urgent" },
          ]}
        />
        {commentTeam.firstAnswers ? (
          <BarRowsChart
            id="chart-comment-answers"
            title="Time to first answer of a comment, median"
            summary={`Median ${formatDuration(commentTeam.medianFirstAnswerSeconds)} from a comment to its first answer, over ${commentTeam.firstAnswers} comments first answered in this range.`}
            rows={commentRows(comments)}
            series={[{ key: "median", label: "Median to first answer", fill: "fill-brand" }]}
          />
        ) : (
          <p className="text-sm text-slate-500">No comment was answered in this range.</p>
        )}
      </ReportSection>

      <ReportSection
        id="sla-attainment"
        title={REPORT_TITLES["sla-attainment"]}
        csvHref={csv("sla-attainment")}
        definition={
          <>
            Waits the team answered in this range, timed in business minutes (Settings → Business hours): first response from the person&apos;s first message to the
            team&apos;s first reply, next response for every later wait. The out-of-hours auto-reply answers nothing. A wait answered at exactly the
            target is within it.
          </>
        }
        table={
          <DataTable
            caption="SLA attainment per agent and channel"
            headers={["SLA", "Name", "Breakdown", "Target", "Answered", "Within target", "Attainment", "Median (business time)"]}
            rows={sla.map((r) => [
              r.kind === "first" ? "First response" : "Next response",
              rowLabel(r),
              GROUP[r.dimension],
              r.targetMinutes === null ? "none" : `${r.targetMinutes} min`,
              r.answered,
              r.withinTarget,
              r.attainmentPercent === null ? "–" : `${r.attainmentPercent} %`,
              formatDuration(r.medianBusinessSeconds),
            ])}
          />
        }
      >
        <StatTiles
          stats={[
            { label: "First response within target", value: percent(slaTeam("first")?.attainmentPercent) },
            { label: "Next response within target", value: percent(slaTeam("next")?.attainmentPercent) },
            { label: "Windows flagged (ended while closed)", value: closureTotals.flagged },
            { label: "…of which missed", value: closureTotals.missed },
          ]}
        />
      </ReportSection>

      <ReportSection
        id="window-closures"
        title={REPORT_TITLES["window-closures"]}
        csvHref={csv("window-closures")}
        definition="A window is flagged when its deadline (24 h, or 7 days with the Human Agent feature) fell while the team was closed and the person was still waiting when the team last closed before it — the inbox's “Before closing”. Missed: nobody from the team replied before the deadline. Counted on the deadline's day."
        table={
          <DataTable
            caption="Windows ending while closed, per day"
            headers={["Day", "Flagged (24 h)", "Missed (24 h)", "Flagged (7 d)", "Missed (7 d)"]}
            rows={closures.map((d) => [formatDay(d.day), d.flagged24h, d.missed24h, d.flagged7d, d.missed7d])}
          />
        }
      >
        <p className="text-sm text-slate-600">
          {closureTotals.flagged} windows ended while the team was closed; {closureTotals.missed} of them got no reply in time.
        </p>
      </ReportSection>
    </div>
  );
}
