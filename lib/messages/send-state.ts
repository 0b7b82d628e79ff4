// What the thread and the composer say about an outbound message's state and its channel, from what the
// server reports: how long a message has waited for Meta, whether the agent's Retry can help a failed one,
// and what is wrong with the channel the composer would send through. Pure.
import type { MessageErrorView } from "./message-view";

/** The channel as the send path sees it (the live channel list of the inbox). */
export interface ChannelSendState {
  /** False once an admin disconnected it (or it left this agent's channels). */
  connected: boolean;
  tokenStatus: "VALID" | "NEEDS_RECONNECT" | "MISCONFIGURED";
  humanAgentEnabled: boolean;
  /** Meta refused a reply because it restricted the Page or business (cleared by the next reply Meta takes). */
  restricted?: boolean;
}

const MINUTE = 60_000;

/** "4 s", "1 min 05 s", "12 min": how long a message has been waiting for Meta's answer. */
export function formatWaiting(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  if (ms < MINUTE) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes >= 10) return `${minutes} min`;
  return `${minutes} min ${String(seconds % 60).padStart(2, "0")} s`;
}

/** Under a message still waiting for Meta after a failed call: what happens next, in a sentence. */
export function waitingNote(error: Pick<MessageErrorView, "key"> | null): string | null {
  if (!error) return null;
  if (error.key === "rate_limited") return "Meta is limiting how fast this Page can send: it goes out by itself in a moment.";
  return "Meta had a problem and did not confirm it: we check the conversation at Meta and try again by ourselves, never sending it twice.";
}

/**
 * Whether the agent's Retry can change the outcome of a failed message: Meta's temporary problems always;
 * a refused token or permission once the channel is fixed; a refused HUMAN_AGENT tag once the channel has
 * the feature again. Never on a disconnected channel, and never for what retrying cannot change (the person
 * blocked the Page, another app owns the thread, a bad attachment). Without the channel's state (still
 * loading) only the unconditional cases count.
 */
export function retryCanHelp(error: Pick<MessageErrorView, "key" | "action">, channel: ChannelSendState | null): boolean {
  if (error.action === "retry" || error.action === "wait") return channel?.connected ?? true;
  if (!channel?.connected) return false;
  switch (error.action) {
    case "reconnect":
      return channel.tokenStatus === "VALID";
    case "fix_channel":
      return error.key === "human_agent_feature_missing" ? channel.humanAgentEnabled : channel.tokenStatus === "VALID";
    case "use_human_agent":
      return channel.humanAgentEnabled && channel.tokenStatus === "VALID";
    default:
      return false;
  }
}

export interface ChannelNotice {
  tone: "danger" | "warning";
  title: string;
  detail: string;
}

/** What the composer of a conversation says about its channel, or null when replies can go out. */
export function channelNotice(channel: ChannelSendState | null): ChannelNotice | null {
  if (!channel) return null;
  if (!channel.connected) {
    return {
      tone: "danger",
      title: "This channel is disconnected",
      detail: "An admin disconnected it from Meta: replies cannot be sent from here. Private notes still work.",
    };
  }
  if (channel.tokenStatus === "NEEDS_RECONNECT") {
    return {
      tone: "danger",
      title: "Meta refused this channel's connection",
      detail: "Its token expired or was revoked, so replies fail until an admin reconnects the channel under Channels. Failed replies can be retried then.",
    };
  }
  if (channel.restricted) {
    return {
      tone: "danger",
      title: "Meta has restricted this channel",
      detail: "Meta refused a reply from it under a policy restriction; replies may fail until Meta lifts it. The channel's admins have been notified.",
    };
  }
  if (channel.tokenStatus === "MISCONFIGURED") {
    return {
      tone: "warning",
      title: "This channel lacks a Meta permission",
      detail: "Meta may refuse replies until an admin fixes the channel's permissions and reconnects it under Channels.",
    };
  }
  return null;
}
