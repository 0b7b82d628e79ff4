// SLA clocks and the window-before-reopen flag, on top of the business calendar.
//
//   first response   the person's first message → the team's first reply (a person's: an agent's, or a reply
//                    from Meta's inbox; our automation, such as the out-of-hours auto-reply, answers nothing)
//   next response    the person's first message after such a reply → the next such reply
//   both count business minutes only: a message on Friday 17:50 with a 30-minute target is due Monday 09:20
//   (with Mon–Fri 09:00–18:00 hours), and 60 wall minutes across the DST night are still 60 business minutes
//   when the team is open then.
//
// The window is an SLA of its own: a conversation waiting for a reply whose current window mode ends
// (the 24-hour window, or on a channel with Meta's Human Agent feature the 7-day deadline once past 24 h)
// before the team is next open — after this open period or, when closed, at the next opening — is flagged
// "answer before you close". The window itself is never re-implemented here: decideWindow says when it ends.
//
// Pure: no I/O, no clock of its own.
import { closingDeadline, STANDARD_CUTOVER_MS } from "@/lib/conversations/inbox-folders";
import type { Platform, WindowOpener } from "@/lib/policy/window-policy";
import type { BusinessCalendar } from "./business-hours";

export interface SlaTargets {
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
}

export type SlaKind = "first" | "next";

export interface SlaStatus {
  kind: SlaKind;
  targetMinutes: number;
  /** The instant the target is reached in business time. */
  dueAt: Date;
  breached: boolean;
  /** Business minutes used so far (rounded down). */
  elapsedMinutes: number;
}

/**
 * The SLA clock of a conversation waiting for a reply since `waitingSince` (the person's first unanswered
 * message); `answeredBefore` says whether a person of the team ever replied (next vs first response).
 * Null when nothing waits, no target is set, or the team has no hours.
 */
export function slaStatus(
  calendar: BusinessCalendar,
  targets: SlaTargets,
  wait: { waitingSince: Date | null; answeredBefore: boolean },
  now: Date,
): SlaStatus | null {
  if (!wait.waitingSince) return null;
  const kind: SlaKind = wait.answeredBefore ? "next" : "first";
  const targetMinutes = kind === "first" ? targets.firstResponseMinutes : targets.nextResponseMinutes;
  if (targetMinutes === null || !calendar.hasHours) return null;
  const dueAt = calendar.addBusinessMinutes(wait.waitingSince, targetMinutes);
  if (!dueAt) return null;
  const elapsedMinutes = Math.floor(calendar.businessMsBetween(wait.waitingSince, now) / 60_000);
  return { kind, targetMinutes, dueAt, breached: now >= dueAt, elapsedMinutes };
}

/** Whether an answer after `waitMs` business milliseconds met a target in minutes. */
export function withinTarget(businessMs: number, targetMinutes: number): boolean {
  return businessMs <= targetMinutes * 60_000;
}

export interface WindowFlagFacts {
  status: "OPEN" | "PENDING" | "SNOOZED" | "RESOLVED";
  platform: Platform;
  humanAgentEnabled: boolean;
  lastInboundAt: Date | null;
  lastInboundKind: WindowOpener | null;
  /** The person wrote last (whose turn it is, lib/conversations/reply-state.ts). */
  awaitingReply: boolean;
}

export interface WindowBeforeReopen {
  /** When the current window mode ends (the 24-hour window, or the Human Agent deadline past 24 h). */
  windowEndsAt: Date;
  /** "24h": normal replies end (after it only HUMAN_AGENT, or nothing); "7d": no reply at all after it. */
  window: "24h" | "7d";
  /** When the team is next open; null if it never reopens. */
  reopensAt: Date | null;
}

/**
 * The flag: the window ends before the team is next open (see the header). Null when the conversation is
 * resolved, not waiting for the team, already closed, or the team has no hours.
 */
export function windowBeforeReopen(calendar: BusinessCalendar, c: WindowFlagFacts, now: Date): WindowBeforeReopen | null {
  if (!calendar.hasHours) return null;
  const reopensAt = calendar.reopensAt(now);
  // The inbox folder's own rule ("Before closing"), so the badge and the folder never disagree.
  const windowEndsAt = closingDeadline({ ...c, lastMessageDirection: c.awaitingReply ? "INBOUND" : "OUTBOUND" }, now, closingBeforeOf(reopensAt));
  if (!windowEndsAt || !c.lastInboundAt) return null;
  const window = windowEndsAt.getTime() - c.lastInboundAt.getTime() > STANDARD_CUTOVER_MS ? "7d" : "24h";
  return { windowEndsAt, window, reopensAt };
}

/** A team that never reopens: every open window ends "before". */
const NEVER = new Date(Date.UTC(9999, 11, 31));

/** The bound of "Before closing" for a reopening (null: never reopens). */
export function closingBeforeOf(reopensAt: Date | null): Date {
  return reopensAt ?? NEVER;
}
