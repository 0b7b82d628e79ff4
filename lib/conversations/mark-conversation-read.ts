import "server-only";
import type { SessionAgent } from "@/lib/auth/session";
import { sendMarkSeen } from "@/lib/send/send-mark-seen";
import { runConversationCommand } from "./run-conversation-command";

/**
 * The agent opened the conversation: its unread count goes to 0 for the whole team (published so other
 * inboxes update), and the person sees "Seen" (Meta's `mark_seen`, sent alone, never failing this call).
 * Not audited: opening a thread is reading, not a change of work. Already read: no-op.
 */
export async function markConversationRead({ agent, conversationId }: { agent: SessionAgent; conversationId: string }): Promise<{ unreadCount: number }> {
  const wasUnread = await runConversationCommand({ actor: agent, conversationId }, async (tx, conversation) => {
    if (conversation.unreadCount === 0) return { changed: false, result: false };
    await tx.conversation.update({ where: { id: conversationId }, data: { unreadCount: 0 } });
    return { changed: true, result: true };
  });
  if (wasUnread) void sendMarkSeen(conversationId);
  return { unreadCount: 0 };
}
