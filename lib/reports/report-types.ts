// Shapes of the report rows: what the charts draw, the tables list and the CSVs export. Pure types.

export type Dimension = "team" | "agent" | "channel";

/** Median and p90 of a duration, for the whole team, one sender or one channel. */
export interface TimingRow {
  dimension: Dimension;
  /** Agent id, "OUR_APP" / "OTHER_APP" / "AGENT" (deleted agent), channel id, or "team". */
  key: string;
  label: string;
  platform: "MESSENGER" | "INSTAGRAM" | null;
  /** How many waits were answered (the sample size). */
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

/** One local day: replies by how the policy let them out, and windows that lapsed that day. */
export interface WindowOutcomeRow {
  day: string;
  repliesInside24h: number;
  repliesHumanAgent: number;
  windowsMissed24h: number;
  windowsMissed7d: number;
}

export interface HandledRow {
  dimension: Dimension;
  key: string;
  label: string;
  platform: "MESSENGER" | "INSTAGRAM" | null;
  /** Distinct conversations an agent replied in or resolved. */
  handled: number;
  replied: number;
  resolved: number;
}

/** One local hour of the day (0–23) summed over the range. */
export interface HourVolumeRow {
  hour: number;
  inbound: number;
  replies: number;
}

/** Name shown for a reply sender key (agents are named by the query). */
export function senderLabel(key: string, agentName: string | null): string {
  if (agentName) return agentName;
  if (key === "OUR_APP") return "Automation";
  if (key === "OTHER_APP") return "Other apps (e.g. Meta Business Suite)";
  return "Former team member";
}

const DIMENSION_ORDER: Record<Dimension, number> = { team: 0, agent: 1, channel: 2 };

/** Team row first, then agents, then channels, each by name. */
export function sortReportRows<R extends { dimension: Dimension; label: string }>(rows: R[]): R[] {
  return rows.sort((a, b) => DIMENSION_ORDER[a.dimension] - DIMENSION_ORDER[b.dimension] || a.label.localeCompare(b.label));
}

/** People's comments and how they were answered, for the team or one channel. */
export interface CommentAnswerRow {
  dimension: "team" | "channel";
  key: string;
  label: string;
  platform: "MESSENGER" | "INSTAGRAM" | null;
  /** People's comments written in the range. */
  received: number;
  /** Comments whose first public / private answer was sent in the range. */
  answeredPublic: number;
  answeredPrivate: number;
  /** Comments whose first answer (either kind) was sent in the range: the sample of the median. */
  firstAnswers: number;
  medianFirstAnswerSeconds: number | null;
  /** Private-reply deadlines that passed in the range with the comment unanswered. */
  expiredUnanswered: number;
}

/** Satisfaction ratings answered in the range (lib/csat), for the team, per agent, channel and label. */
export interface CsatRow {
  dimension: "team" | "agent" | "channel" | "label";
  /** "team", the agent id ("none": nobody was assigned at resolve), channel id or label id. */
  key: string;
  label: string;
  platform: "MESSENGER" | "INSTAGRAM" | null;
  ratings: number;
  /** Mean of 1–5, two decimals. */
  average: number | null;
  /** Share of ratings of 4 or 5, in percent with one decimal. */
  satisfiedPercent: number | null;
}

/** Conversations per label in the range: received, resolved, and the median first-response time. */
export interface LabelRow {
  /** Label id. */
  key: string;
  label: string;
  color: string;
  received: number;
  resolved: number;
  answeredFirstWaits: number;
  medianFirstResponseSeconds: number | null;
}

/** SLA attainment (business hours): answered waits of one kind within the target, for the team, an agent or a channel. */
export interface SlaRow {
  dimension: Dimension;
  key: string;
  label: string;
  platform: "MESSENGER" | "INSTAGRAM" | null;
  /** "first": the person's first message → the team's first reply; "next": later waits. */
  kind: "first" | "next";
  /** The target in business minutes; null when none is set (attainment is then not computed). */
  targetMinutes: number | null;
  answered: number;
  withinTarget: number;
  /** withinTarget / answered in percent (one decimal); null when nothing was answered or no target. */
  attainmentPercent: number | null;
  /** Median business time to answer, in seconds. */
  medianBusinessSeconds: number | null;
}

/** One local day: windows that ended while the team was closed (flagged "answer before you close") and those missed. */
export interface WindowClosureRow {
  day: string;
  /** The person's 24 h window ended while the team was closed, and at the last closing before it the person was waiting. */
  flagged24h: number;
  /** …and nobody replied before the window ended. */
  missed24h: number;
  /** The same for the Human Agent deadline (7 days), on channels with Meta's Human Agent feature. */
  flagged7d: number;
  missed7d: number;
}
