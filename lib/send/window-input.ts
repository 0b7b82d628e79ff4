// The window policy's input for a send, from what we store: the conversation's last window-opening action
// (Meta's timestamp and kind) and the channel's platform and Human Agent feature. Pure.
import type { SenderRole, WindowOpener, WindowPolicyInput, Platform } from "@/lib/policy/window-policy";

export function windowInputFor(
  channel: { platform: Platform; humanAgentEnabled: boolean },
  conversation: { lastInboundAt: Date | null; lastInboundKind: WindowOpener | null },
  now: Date,
  sender: SenderRole,
): WindowPolicyInput {
  return {
    platform: channel.platform,
    lastInboundAt: conversation.lastInboundAt,
    lastInboundKind: conversation.lastInboundKind,
    now,
    sender,
    humanAgentEnabled: channel.humanAgentEnabled,
  };
}
