// The inbox's folders, defined once. The SQL of the list and the folder counts (conversation-list-sql.ts)
// and the browser, which places conversations changed by realtime events into the lists it holds
// (`conversationInFolder`), both read these definitions, so a conversation never shows up where the server
// would not list it. Window folders are defined with the window policy itself, never with hours of their own.
//
// Pure: no I/O, no clock of its own.
import {
  decideWindow,
  HOUR_MS,
  HUMAN_AGENT_WINDOW_MS,
  STANDARD_WINDOW_MS,
  WINDOW_SAFETY_MARGIN_MS,
  type Platform,
  type WindowOpener,
} from "@/lib/policy/window-policy";

export const INBOX_FOLDERS = ["mine", "unassigned", "all", "expiring", "closing", "closed", "snoozed", "resolved"] as const;
export type InboxFolder = (typeof INBOX_FOLDERS)[number];
export const DEFAULT_FOLDER: InboxFolder = "all";

export const FOLDER_LABEL: Record<InboxFolder, string> = {
  mine: "Mine",
  unassigned: "Unassigned",
  all: "All",
  expiring: "Expiring soon",
  closing: "Before closing",
  closed: "Closed window",
  snoozed: "Snoozed",
  resolved: "Resolved",
};

export const FOLDER_DESCRIPTION: Record<InboxFolder, string> = {
  mine: "Open conversations assigned to you",
  unassigned: "Open conversations nobody has taken yet",
  all: "Every conversation that is not resolved",
  expiring: "The reply window ends within 3 hours, or the human agent window within 24 hours",
  closing: "Waiting for your reply, and the reply window ends before the team is open again (business hours)",
  closed: "Meta allows no reply now: 7 days passed since the person's last message, or 24 hours on a channel without the Human Agent feature",
  snoozed: "Hidden until their snooze time or the person's next message",
  resolved: "Finished conversations",
};

/** A standard (24 h) window whose end is at most this far away counts as expiring. */
export const EXPIRING_STANDARD_WITHIN_MS = 3 * HOUR_MS;
/** A human-agent (7 d) window whose end is at most this far away counts as expiring. */
export const EXPIRING_HUMAN_AGENT_WITHIN_MS = 24 * HOUR_MS;

/** Our cut-over to HUMAN_AGENT, counted from the person's last message (the policy's 24 h minus its margin). */
export const STANDARD_CUTOVER_MS = STANDARD_WINDOW_MS - WINDOW_SAFETY_MARGIN_MS;
/** Our last moment to send at all, counted from the person's last message (7 d minus the margin). */
export const HUMAN_AGENT_CUTOFF_MS = HUMAN_AGENT_WINDOW_MS - WINDOW_SAFETY_MARGIN_MS;

/** How each folder is ordered; the list cursor carries the sort key of the last row. */
export type FolderSort = "last_message_desc" | "deadline_asc" | "last_inbound_desc";

export const FOLDER_SORT: Record<InboxFolder, FolderSort> = {
  mine: "last_message_desc",
  unassigned: "last_message_desc",
  all: "last_message_desc",
  expiring: "deadline_asc",
  closing: "deadline_asc",
  closed: "last_inbound_desc",
  snoozed: "last_message_desc",
  resolved: "last_message_desc",
};

/**
 * The folders' window conditions at `now`, as ranges of `lastInboundAt` (what an index can answer). They are
 * `decideWindow` solved for lastInboundAt:
 *   standard window ends within 3 h   ⇔  now − 23h55 < lastInboundAt ≤ now − 23h55 + 3 h
 *   human-agent window ends in 24 h   ⇔  now − 6d23h55 < lastInboundAt ≤ now − 6d23h55 + 24 h (channels with the feature)
 *   window closed                     ⇔  lastInboundAt ≤ now − 6d23h55
 *                                        or lastInboundAt ≤ now − 23h55 (channels without the feature)
 * The boundaries are tested against decideWindow in inbox-folders.test.ts.
 */
export function windowFolderBounds(now: Date) {
  const t = now.getTime();
  return {
    standardExpiring: { after: new Date(t - STANDARD_CUTOVER_MS), upTo: new Date(t - STANDARD_CUTOVER_MS + EXPIRING_STANDARD_WITHIN_MS) },
    humanAgentExpiring: { after: new Date(t - HUMAN_AGENT_CUTOFF_MS), upTo: new Date(t - HUMAN_AGENT_CUTOFF_MS + EXPIRING_HUMAN_AGENT_WITHIN_MS) },
    closedUpTo: new Date(t - HUMAN_AGENT_CUTOFF_MS),
    /** Channels without Meta's Human Agent feature: nothing can be sent after the 24 h cut-over. */
    closedWithoutHumanAgentUpTo: new Date(t - STANDARD_CUTOVER_MS),
  };
}

/**
 * "Before closing" at `now`, as ranges of `lastInboundAt`, for conversations whose window mode must
 * end before `closingBefore` (when the team is next open, lib/business-hours): decideWindow solved as above —
 *   standard window ends before it   ⇔  now − 23h55 < lastInboundAt < closingBefore − 23h55
 *   human-agent window ends before   ⇔  now − 6d23h55 < lastInboundAt ≤ now − 23h55 and
 *                                       lastInboundAt < closingBefore − 6d23h55 (channels with the feature)
 * (times have millisecond precision: "<" is "≤ one millisecond earlier").
 */
export function closingFolderBounds(now: Date, closingBefore: Date) {
  const t = now.getTime();
  const before = closingBefore.getTime() - 1;
  return {
    standard: { after: new Date(t - STANDARD_CUTOVER_MS), upTo: new Date(before - STANDARD_CUTOVER_MS) },
    humanAgent: { after: new Date(t - HUMAN_AGENT_CUTOFF_MS), upTo: new Date(Math.min(t - STANDARD_CUTOVER_MS, before - HUMAN_AGENT_CUTOFF_MS)) },
  };
}

/** What folder membership depends on: a subset of the list item. */
export interface FolderFacts {
  status: "OPEN" | "PENDING" | "SNOOZED" | "RESOLVED";
  assigneeId: string | null;
  platform: Platform;
  humanAgentEnabled: boolean;
  lastInboundAt: Date | null;
  lastInboundKind: WindowOpener | null;
  lastMessageAt: Date | null;
  /** Who wrote last ("Before closing" lists only conversations waiting for the team). */
  lastMessageDirection?: "INBOUND" | "OUTBOUND" | null;
}

function windowOf(c: Pick<FolderFacts, "platform" | "humanAgentEnabled" | "lastInboundAt" | "lastInboundKind">, now: Date) {
  return decideWindow({
    platform: c.platform,
    lastInboundAt: c.lastInboundAt,
    lastInboundKind: c.lastInboundKind,
    now,
    // Stryker disable next-line StringLiteral: equivalent — the policy only tells "AUTOMATION" apart, so any other sender reads as human
    sender: "HUMAN",
    humanAgentEnabled: c.humanAgentEnabled,
  });
}

/**
 * When the window mode of an expiring conversation ends (what "Expiring soon" sorts by), or null when the
 * conversation is not expiring at `now`.
 */
export function expiringDeadline(c: FolderFacts, now: Date): Date | null {
  if (c.status === "RESOLVED") return null;
  const decision = windowOf(c, now);
  if (!decision.allowed) return null;
  const left = decision.deadline.getTime() - now.getTime();
  const within = decision.stage === "STANDARD" ? EXPIRING_STANDARD_WITHIN_MS : EXPIRING_HUMAN_AGENT_WITHIN_MS;
  return left <= within ? decision.deadline : null;
}

/**
 * When the window mode of a conversation waiting for the team ends, if that is before `closingBefore` (the
 * team's next opening): what "Before closing" lists and sorts by; null otherwise.
 */
export function closingDeadline(
  c: Pick<FolderFacts, "status" | "platform" | "humanAgentEnabled" | "lastInboundAt" | "lastInboundKind" | "lastMessageDirection">,
  now: Date,
  closingBefore: Date,
): Date | null {
  if (c.status === "RESOLVED" || c.lastMessageDirection !== "INBOUND") return null;
  const decision = windowOf(c, now);
  if (!decision.allowed) return null;
  return decision.deadline < closingBefore ? decision.deadline : null;
}

/**
 * The one meaning of "closed" (the Closed window folder, the row and header chip, the counts): the person
 * wrote once, and the policy blocks a human agent's reply now — 7 days passed, or 24 hours on a channel
 * without Meta's Human Agent feature. A person who never wrote has no window to close: blocked, but not here.
 */
export function isWindowClosed(c: Pick<FolderFacts, "platform" | "humanAgentEnabled" | "lastInboundAt" | "lastInboundKind">, now: Date): boolean {
  const decision = windowOf(c, now);
  return !decision.allowed && decision.reason !== "NO_INBOUND_MESSAGE";
}

/**
 * Whether the server lists the conversation in `folder` for `agentId` at `now`. `closingBefore` is the
 * team's next opening (null or absent: no business hours, "Before closing" is empty).
 */
export function conversationInFolder(
  c: FolderFacts,
  folder: InboxFolder,
  { agentId, now, closingBefore = null }: { agentId: string; now: Date; closingBefore?: Date | null },
): boolean {
  if (c.lastMessageAt === null) return false;
  switch (folder) {
    case "mine":
      return c.status === "OPEN" && c.assigneeId === agentId;
    case "unassigned":
      return c.status === "OPEN" && c.assigneeId === null;
    case "all":
      return c.status !== "RESOLVED";
    case "expiring":
      return expiringDeadline(c, now) !== null;
    case "closing":
      return closingBefore !== null && closingDeadline(c, now, closingBefore) !== null;
    case "closed":
      return c.status !== "RESOLVED" && isWindowClosed(c, now);
    case "snoozed":
      return c.status === "SNOOZED";
    case "resolved":
      return c.status === "RESOLVED";
  }
}

/**
 * The value a folder sorts by (what the keyset cursor carries); null when the conversation cannot be placed
 * (e.g. not expiring).
 */
export function folderSortKey(c: FolderFacts, folder: InboxFolder, now: Date, closingBefore: Date | null = null): Date | null {
  switch (FOLDER_SORT[folder]) {
    case "deadline_asc":
      if (folder === "closing") return closingBefore ? closingDeadline(c, now, closingBefore) : null;
      return expiringDeadline(c, now);
    case "last_inbound_desc":
      return c.lastInboundAt;
    case "last_message_desc":
      return c.lastMessageAt;
  }
}

/** Compares two conversations in a folder's order (ties broken by id, as the SQL does). */
export function compareInFolder(
  a: { id: string; key: Date | null },
  b: { id: string; key: Date | null },
  folder: InboxFolder,
): number {
  const ascending = FOLDER_SORT[folder] === "deadline_asc";
  const ka = a.key?.getTime() ?? Number.NEGATIVE_INFINITY;
  const kb = b.key?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (ka !== kb) return ascending ? ka - kb : kb - ka;
  if (a.id === b.id) return 0;
  // Stryker disable next-line EqualityOperator: equivalent — equal ids returned 0 above, so `<` and `<=` agree
  return ascending ? (a.id < b.id ? -1 : 1) : a.id < b.id ? 1 : -1;
}
