import "server-only";
import type { SessionAgent } from "@/lib/auth/session";
import { runConversationCommand } from "./run-conversation-command";

/**
 * "Mark unread": the agent wants to come back to it. Keeps a higher count as it is (the person's unread
 * messages stay counted), otherwise sets 1. Audited and published.
 */
export async function markConversationUnread({ agent, conversationId }: { agent: SessionAgent; conversationId: string }): Promise<{ unreadCount: number }> {
  return runConversationCommand({ actor: agent, conversationId }, async (tx, conversation) => {
    if (conversation.unreadCount > 0) return { changed: false, result: { unreadCount: conversation.unreadCount } };
    await tx.conversation.update({ where: { id: conversationId }, data: { unreadCount: 1 } });
    return { changed: true, result: { unreadCount: 1 }, audit: { type: "conversation.marked_unread", data: { unreadCount: 1 } } };
  });
}
