// The reports of /review/reports: name (the CSV's URL), title, and the CSV columns of the rows the chart
// draws — so the export is the same numbers as the chart, from the same function. Pure.
import type { CsvColumn } from "./to-csv";
import type { CommentAnswerRow, CsatRow, HandledRow, HourVolumeRow, LabelRow, SlaRow, TimingRow, WindowClosureRow, WindowOutcomeRow } from "./report-types";

export const REPORT_NAMES = [
  "first-response-time",
  "reply-time",
  "window-outcomes",
  "conversations-handled",
  "volume-by-hour",
  "comment-answers",
  "csat",
  "labels",
  "sla-attainment",
  "window-closures",
] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export interface ReportRows {
  "first-response-time": TimingRow[];
  "reply-time": TimingRow[];
  "window-outcomes": WindowOutcomeRow[];
  "conversations-handled": HandledRow[];
  "volume-by-hour": HourVolumeRow[];
  "comment-answers": CommentAnswerRow[];
  csat: CsatRow[];
  labels: LabelRow[];
  "sla-attainment": SlaRow[];
  "window-closures": WindowClosureRow[];
}

export const REPORT_TITLES: Record<ReportName, string> = {
  "first-response-time": "First-response time",
  "reply-time": "Reply time",
  "window-outcomes": "Replies and missed windows",
  "conversations-handled": "Conversations handled",
  "volume-by-hour": "Volume by hour of day",
  "comment-answers": "Comments answered",
  csat: "Customer satisfaction (CSAT)",
  labels: "Conversations per label",
  "sla-attainment": "SLA attainment (business hours)",
  "window-closures": "Windows ending while closed: flagged vs missed",
};

/** Seconds with one decimal: percentile_cont interpolates between samples. */
const seconds = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

const timingColumns: CsvColumn<TimingRow>[] = [
  { header: "breakdown", value: (r) => r.dimension },
  { header: "id", value: (r) => r.key },
  { header: "name", value: (r) => r.label },
  { header: "platform", value: (r) => r.platform },
  { header: "answered_waits", value: (r) => r.count },
  { header: "median_seconds", value: (r) => seconds(r.medianSeconds) },
  { header: "p90_seconds", value: (r) => seconds(r.p90Seconds) },
];

export const REPORT_CSV_COLUMNS: { [N in ReportName]: CsvColumn<ReportRows[N][number]>[] } = {
  "first-response-time": timingColumns,
  "reply-time": timingColumns,
  "window-outcomes": [
    { header: "day", value: (r) => r.day },
    { header: "replies_inside_24h", value: (r) => r.repliesInside24h },
    { header: "replies_human_agent", value: (r) => r.repliesHumanAgent },
    { header: "windows_missed_24h", value: (r) => r.windowsMissed24h },
    { header: "windows_missed_7d", value: (r) => r.windowsMissed7d },
  ],
  "conversations-handled": [
    { header: "breakdown", value: (r) => r.dimension },
    { header: "id", value: (r) => r.key },
    { header: "name", value: (r) => r.label },
    { header: "platform", value: (r) => r.platform },
    { header: "conversations_handled", value: (r) => r.handled },
    { header: "conversations_replied", value: (r) => r.replied },
    { header: "conversations_resolved", value: (r) => r.resolved },
  ],
  "volume-by-hour": [
    { header: "hour", value: (r) => r.hour },
    { header: "inbound_messages", value: (r) => r.inbound },
    { header: "replies", value: (r) => r.replies },
  ],
  "comment-answers": [
    { header: "breakdown", value: (r) => r.dimension },
    { header: "id", value: (r) => r.key },
    { header: "name", value: (r) => r.label },
    { header: "platform", value: (r) => r.platform },
    { header: "comments_received", value: (r) => r.received },
    { header: "answered_public", value: (r) => r.answeredPublic },
    { header: "answered_private", value: (r) => r.answeredPrivate },
    { header: "first_answers", value: (r) => r.firstAnswers },
    { header: "median_seconds_to_first_answer", value: (r) => seconds(r.medianFirstAnswerSeconds) },
    { header: "private_replies_expired_unanswered", value: (r) => r.expiredUnanswered },
  ],
  csat: [
    { header: "breakdown", value: (r) => r.dimension },
    { header: "id", value: (r) => r.key },
    { header: "name", value: (r) => r.label },
    { header: "platform", value: (r) => r.platform },
    { header: "ratings", value: (r) => r.ratings },
    { header: "average_rating", value: (r) => r.average },
    { header: "satisfied_percent", value: (r) => r.satisfiedPercent },
  ],
  labels: [
    { header: "label_id", value: (r) => r.key },
    { header: "label", value: (r) => r.label },
    { header: "received", value: (r) => r.received },
    { header: "resolved", value: (r) => r.resolved },
    { header: "first_responses", value: (r) => r.answeredFirstWaits },
    { header: "median_first_response_seconds", value: (r) => seconds(r.medianFirstResponseSeconds) },
  ],
  "sla-attainment": [
    { header: "sla", value: (r) => (r.kind === "first" ? "first_response" : "next_response") },
    { header: "breakdown", value: (r) => r.dimension },
    { header: "id", value: (r) => r.key },
    { header: "name", value: (r) => r.label },
    { header: "platform", value: (r) => r.platform },
    { header: "target_business_minutes", value: (r) => r.targetMinutes },
    { header: "answered_waits", value: (r) => r.answered },
    { header: "within_target", value: (r) => r.withinTarget },
    { header: "attainment_percent", value: (r) => r.attainmentPercent },
    { header: "median_business_seconds", value: (r) => seconds(r.medianBusinessSeconds) },
  ],
  "window-closures": [
    { header: "day", value: (r) => r.day },
    { header: "flagged_24h", value: (r) => r.flagged24h },
    { header: "missed_24h", value: (r) => r.missed24h },
    { header: "flagged_7d", value: (r) => r.flagged7d },
    { header: "missed_7d", value: (r) => r.missed7d },
  ],
};

export function isReportName(value: string): value is ReportName {
  return (REPORT_NAMES as readonly string[]).includes(value);
}
