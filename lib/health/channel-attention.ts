// What about a channel needs an admin's attention, from what we store about it: the header's summary ("2
// channels need attention"), the Channels page and the health page read this one list. Pure: no I/O.

export type AttentionProblem = "needs_reconnect" | "misconfigured" | "restricted" | "webhooks_not_subscribed" | "sync_failed" | "delivery_gaps";

export interface ChannelState {
  tokenStatus: "VALID" | "NEEDS_RECONNECT" | "MISCONFIGURED";
  webhookStatus: "NOT_SUBSCRIBED" | "SUBSCRIBED" | "FAILED";
  syncStatus: "NEVER_SYNCED" | "BACKFILLING" | "IDLE" | "FAILED";
  restrictedAt: Date | string | null;
  /** When reconciliation last found a message no webhook delivered. */
  lastDeliveryGapAt: Date | string | null;
}

/** Delivery gaps older than this no longer count as a problem of the moment (they stay on the health page). */
export const DELIVERY_GAP_ATTENTION_HOURS = 24;

export const ATTENTION_LABELS: Record<AttentionProblem, string> = {
  needs_reconnect: "needs reconnect",
  misconfigured: "missing permission",
  restricted: "restricted by Meta",
  webhooks_not_subscribed: "webhooks not subscribed",
  sync_failed: "sync failed",
  delivery_gaps: "missed webhooks",
};

/** The channel's problems, most serious first. */
export function channelAttention(channel: ChannelState, now: Date): AttentionProblem[] {
  const problems: AttentionProblem[] = [];
  if (channel.tokenStatus === "NEEDS_RECONNECT") problems.push("needs_reconnect");
  if (channel.tokenStatus === "MISCONFIGURED") problems.push("misconfigured");
  if (channel.restrictedAt) problems.push("restricted");
  if (channel.webhookStatus !== "SUBSCRIBED") problems.push("webhooks_not_subscribed");
  if (channel.syncStatus === "FAILED") problems.push("sync_failed");
  const gapAt = channel.lastDeliveryGapAt ? new Date(channel.lastDeliveryGapAt).getTime() : null;
  if (gapAt !== null && now.getTime() - gapAt < DELIVERY_GAP_ATTENTION_HOURS * 3_600_000) problems.push("delivery_gaps");
  return problems;
}

/** "All channels are healthy", "1 channel needs attention", "2 channels need attention". */
export function attentionSummary(channelsWithProblems: number): string {
  if (channelsWithProblems === 0) return "All channels are healthy";
  return channelsWithProblems === 1 ? "1 channel needs attention" : `${channelsWithProblems} channels need attention`;
}
