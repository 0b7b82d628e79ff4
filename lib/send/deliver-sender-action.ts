import "server-only";
import { channelToken } from "@/lib/channels/channel-token";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { graph } from "@/lib/meta/graph";
import { decideWindow } from "@/lib/policy/window-policy";
import { senderActionRequest, type SenderAction } from "./send-api-request";
import { sendSettings } from "./send-settings";
import { windowInputFor } from "./window-input";

export type SenderActionResult = "sent" | "outside_window" | "not_connected" | "not_found" | "failed";

/**
 * Sends a sender action (typing_on, mark_seen) for a conversation: alone, as Meta requires (recipient and
 * sender_action only), with a short timeout, never retried. Never throws: a sender action is a courtesy
 * and must never fail or hold up anything else; failures are logged. Skipped outside the standard 24-hour
 * window, where Meta refuses sender actions (they cannot carry a tag).
 */
export async function deliverSenderAction(conversationId: string, action: SenderAction): Promise<SenderActionResult> {
  try {
    const conversation = await db.conversation.findUnique({
      where: { id: conversationId },
      select: {
        channelId: true,
        lastInboundAt: true,
        lastInboundKind: true,
        contact: { select: { platformUserId: true } },
        channel: { select: { platform: true, humanAgentEnabled: true, pageMetaId: true, metaId: true, tokenStatus: true, connection: true } },
      },
    });
    if (!conversation) return "not_found";
    const decision = decideWindow(windowInputFor(conversation.channel, conversation, new Date(), "HUMAN"));
    if (decision.stage !== "STANDARD") return "outside_window";
    if (conversation.channel.tokenStatus === "NEEDS_RECONNECT") return "not_connected";
    let token: string;
    try {
      token = await channelToken(conversation.channelId);
    } catch {
      return "not_connected";
    }
    await graph(conversation.channel.connection).post(`${conversation.channel.pageMetaId}/messages`, {
      token,
      body: senderActionRequest(conversation.contact.platformUserId, action),
      owner: conversation.channel.metaId,
      retries: 0,
      timeoutMs: sendSettings().senderActionTimeoutMs,
      unpaced: true,
    });
    return "sent";
  } catch (error) {
    logger.warn("sender action failed", { conversationId, action, error });
    return "failed";
  }
}
