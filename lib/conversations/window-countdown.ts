// What the inbox shows of a messaging-window decision: the countdown badge of list rows and the thread
// header, and the urgency that colours it. The decision itself always comes from lib/policy (decideWindow).
//
// Pure: no I/O, no clock of its own.
import type { WindowDecision } from "@/lib/policy/window-policy";
import { EXPIRING_HUMAN_AGENT_WITHIN_MS, EXPIRING_STANDARD_WITHIN_MS } from "./inbox-folders";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "5 d 2 h", "3 h 12 m", "12 m", "45 s": the two largest units, rounded down (a countdown never overstates). */
export function formatRemaining(ms: number): string {
  const left = Math.max(0, ms);
  if (left >= DAY) {
    const days = Math.floor(left / DAY);
    return `${days} d ${Math.floor((left - days * DAY) / HOUR)} h`;
  }
  if (left >= HOUR) {
    const hours = Math.floor(left / HOUR);
    return `${hours} h ${Math.floor((left - hours * HOUR) / MINUTE)} m`;
  }
  if (left >= MINUTE) return `${Math.floor(left / MINUTE)} m`;
  return `${Math.floor(left / 1000)} s`;
}

/** Colours of app/globals.css: window-open, window-human, window-urgent, window-closed. */
export type WindowTone = "open" | "human" | "urgent" | "closed";

export interface WindowBadge {
  /** Short text: "Reply 3 h 12 m", "Human agent 5 d 2 h", "Closed". */
  label: string;
  tone: WindowTone;
  /** A full sentence for screen readers and the tooltip. */
  description: string;
}

export function windowBadge(decision: WindowDecision, now: Date): WindowBadge {
  if (!decision.allowed) {
    const description =
      decision.reason === "HUMAN_AGENT_FEATURE_MISSING"
        ? "Reply window closed: more than 24 hours, and this channel lacks Meta's Human Agent feature"
        : decision.reason === "NO_INBOUND_MESSAGE"
          ? "No reply possible: the person has not written yet"
          : "Reply window closed: more than 7 days since the person's last message";
    return { label: "Closed", tone: "closed", description };
  }
  const left = decision.deadline.getTime() - now.getTime();
  const remaining = formatRemaining(left);
  if (decision.stage === "STANDARD") {
    return {
      label: `Reply ${remaining}`,
      tone: left <= EXPIRING_STANDARD_WITHIN_MS ? "urgent" : "open",
      description: `Reply window open for ${remaining}`,
    };
  }
  return {
    label: `Human agent ${remaining}`,
    tone: left <= EXPIRING_HUMAN_AGENT_WITHIN_MS ? "urgent" : "human",
    description: `Only human agent replies (HUMAN_AGENT tag) for ${remaining}, then the window closes`,
  };
}
