"use client";

// The open conversation with its channel as the inbox's live channel list has it. The conversation's own
// copy of the channel is as old as its last fetch; the channel list is refetched on every realtime
// `channel.updated` (Human Agent feature revoked, token refused, reconnected, disconnected).
import { useMemo } from "react";
import type { ChannelSummary } from "@/lib/channels/list-channels";
import type { ShownConversation } from "@/lib/conversations/conversation-view";
import type { ChannelSendState } from "@/lib/messages/send-state";

export function useLiveChannel(
  conversation: ShownConversation | undefined,
  channels: ChannelSummary[] | undefined,
): { conversation: ShownConversation | undefined; channelState: ChannelSendState | null } {
  return useMemo(() => {
    if (!conversation || !channels) return { conversation, channelState: null };
    const live = channels.find((c) => c.id === conversation.channel.id);
    // Not in the list: disconnected by an admin (the list holds connected channels only).
    if (!live) return { conversation, channelState: { connected: false, tokenStatus: "VALID", humanAgentEnabled: false } };
    const channelState: ChannelSendState = { connected: true, tokenStatus: live.tokenStatus, humanAgentEnabled: live.humanAgentEnabled, restricted: live.restrictedAt !== null };
    if (live.humanAgentEnabled === conversation.channel.humanAgentEnabled) return { conversation, channelState };
    return { conversation: { ...conversation, channel: { ...conversation.channel, humanAgentEnabled: live.humanAgentEnabled } }, channelState };
  }, [conversation, channels]);
}
