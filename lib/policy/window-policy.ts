// Meta's messaging window, decided in one place. The send API (at the moment of sending), every job that
// sends, and the inbox's countdown call this function; nothing else decides how a message may go out.
//
//   hours since the person's last window-opening action (Meta's timestamp, never our insert time)
//   h < 24          → RESPONSE
//   24 ≤ h < 168    → MESSAGE_TAG + HUMAN_AGENT, only for a human agent on a channel with Meta's Human Agent
//                     feature; automation is blocked
//   h ≥ 168, never  → blocked
//
// Safety margin (REFERENCE.md §4: whether exactly 24 h / 168 h is inside is unverified): we switch to the tag
// 5 minutes before 24 h and block 5 minutes before 168 h, which also absorbs a clock a few minutes behind
// Meta's. A clock ahead of Meta's only makes us switch earlier.
//
// Ad referrals: a later Meta policy page says a window opened from a Click-to-Messenger/Direct ad "may last up
// to 7 days"; no current page confirms it, so the safe reading applies: an ad referral opens the standard 24 h
// window like any other opener (REFERENCE.md §4: "record ad origin, still use the table").
//
// Pure: no I/O, no clock of its own. Give it `now`.

export type Platform = "MESSENGER" | "INSTAGRAM";
export type WindowOpener = "MESSAGE" | "POSTBACK" | "REACTION" | "REFERRAL" | "AD_REFERRAL";
/** Who writes the message: a human agent, or our app on its own (automation never uses HUMAN_AGENT). */
export type SenderRole = "HUMAN" | "AUTOMATION";

export const HOUR_MS = 3_600_000;
export const STANDARD_WINDOW_MS = 24 * HOUR_MS;
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR_MS;
export const WINDOW_SAFETY_MARGIN_MS = 5 * 60_000;

export interface WindowPolicyInput {
  platform: Platform;
  /** Meta time of the person's latest window-opening action; null when they never wrote. */
  lastInboundAt: Date | null;
  lastInboundKind: WindowOpener | null;
  now: Date;
  sender: SenderRole;
  /** Whether the app holds Meta's Human Agent feature for this channel. */
  humanAgentEnabled: boolean;
}

export type WindowStage = "STANDARD" | "HUMAN_AGENT" | "CLOSED";

export type BlockReason =
  /** The person never sent a window-opening action. */
  | "NO_INBOUND_MESSAGE"
  /** 7 days (minus our margin) have passed. */
  | "WINDOW_CLOSED"
  /** 24 h passed and the channel lacks Meta's Human Agent feature. */
  | "HUMAN_AGENT_FEATURE_MISSING"
  /** 24 h passed and the sender is automation, which may never use HUMAN_AGENT. */
  | "AUTOMATION_OUTSIDE_STANDARD_WINDOW";

export type AllowReason = "STANDARD_WINDOW" | "HUMAN_AGENT_WINDOW";

interface DecisionBase {
  stage: WindowStage;
  /** Hours since the last window-opening action (negative clock skew counts as 0); null if none. */
  hoursSinceInbound: number | null;
  /** Our cut-over from RESPONSE to HUMAN_AGENT (24 h minus the margin); null if never messaged. */
  standardWindowEndsAt: Date | null;
  /** Our last moment to send at all (7 d minus the margin); null if never messaged. */
  humanAgentWindowEndsAt: Date | null;
}

export interface AllowedDecision extends DecisionBase {
  allowed: true;
  messagingType: "RESPONSE" | "MESSAGE_TAG";
  tag: "HUMAN_AGENT" | null;
  reason: AllowReason;
  /** When the current mode ends (the UI counts down to it). */
  deadline: Date;
}

export interface BlockedDecision extends DecisionBase {
  allowed: false;
  messagingType: null;
  tag: null;
  reason: BlockReason;
  /** The deadline that passed; null when there never was one. */
  deadline: Date | null;
}

export type WindowDecision = AllowedDecision | BlockedDecision;

export function decideWindow(input: WindowPolicyInput): WindowDecision {
  const { lastInboundAt, now } = input;
  if (!lastInboundAt) {
    return {
      allowed: false,
      stage: "CLOSED",
      messagingType: null,
      tag: null,
      reason: "NO_INBOUND_MESSAGE",
      deadline: null,
      hoursSinceInbound: null,
      standardWindowEndsAt: null,
      humanAgentWindowEndsAt: null,
    };
  }
  const elapsed = Math.max(0, now.getTime() - lastInboundAt.getTime());
  const standardWindowEndsAt = new Date(lastInboundAt.getTime() + STANDARD_WINDOW_MS - WINDOW_SAFETY_MARGIN_MS);
  const humanAgentWindowEndsAt = new Date(lastInboundAt.getTime() + HUMAN_AGENT_WINDOW_MS - WINDOW_SAFETY_MARGIN_MS);
  const base = { hoursSinceInbound: elapsed / HOUR_MS, standardWindowEndsAt, humanAgentWindowEndsAt };

  if (now < standardWindowEndsAt) {
    return { ...base, allowed: true, stage: "STANDARD", messagingType: "RESPONSE", tag: null, reason: "STANDARD_WINDOW", deadline: standardWindowEndsAt };
  }
  if (now >= humanAgentWindowEndsAt) {
    return { ...base, allowed: false, stage: "CLOSED", messagingType: null, tag: null, reason: "WINDOW_CLOSED", deadline: humanAgentWindowEndsAt };
  }
  // Past the 24 h cut-over only a human agent with the Human Agent feature may send; a blocked decision names
  // the cut-over that passed.
  const blockedAfterStandardWindow = (reason: BlockReason): BlockedDecision => ({
    ...base,
    allowed: false,
    stage: "HUMAN_AGENT",
    messagingType: null,
    tag: null,
    reason,
    deadline: standardWindowEndsAt,
  });
  if (input.sender === "AUTOMATION") return blockedAfterStandardWindow("AUTOMATION_OUTSIDE_STANDARD_WINDOW");
  if (!input.humanAgentEnabled) return blockedAfterStandardWindow("HUMAN_AGENT_FEATURE_MISSING");
  return {
    ...base,
    allowed: true,
    stage: "HUMAN_AGENT",
    messagingType: "MESSAGE_TAG",
    tag: "HUMAN_AGENT",
    reason: "HUMAN_AGENT_WINDOW",
    deadline: humanAgentWindowEndsAt,
  };
}

/** What each outcome means for an agent, and what the business can still do. */
export const WINDOW_REASON_TEXT: Record<AllowReason | BlockReason, { title: string; detail: string }> = {
  STANDARD_WINDOW: {
    title: "Reply window open",
    detail: "The person wrote in the last 24 hours: replies go out as normal responses.",
  },
  HUMAN_AGENT_WINDOW: {
    title: "Human agent reply",
    detail:
      "More than 24 hours have passed. A reply written by you goes out with Meta's HUMAN_AGENT tag, allowed up to 7 days after the person's last message. Automated messages are not allowed.",
  },
  NO_INBOUND_MESSAGE: {
    title: "No message from this person",
    detail: "Meta only allows replies after the person writes to you. Wait for them to message the Page.",
  },
  WINDOW_CLOSED: {
    title: "Reply window closed",
    detail:
      "More than 7 days have passed since the person's last message, so Meta does not allow a reply. The conversation reopens when they write again; reaching out first needs an approved utility template or Marketing Messages.",
  },
  HUMAN_AGENT_FEATURE_MISSING: {
    title: "Human Agent feature missing",
    detail:
      "More than 24 hours have passed and this channel does not have Meta's Human Agent feature, so no reply is allowed until the person writes again. An admin can request the feature in Meta's App Review.",
  },
  AUTOMATION_OUTSIDE_STANDARD_WINDOW: {
    title: "Automated messages stopped",
    detail: "More than 24 hours have passed: only a human agent may reply now (with the HUMAN_AGENT tag).",
  },
};
