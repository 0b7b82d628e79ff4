import "server-only";
import { accessibleChannelIds } from "@/lib/access/accessible-channel-ids";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { publishRealtime } from "@/lib/realtime/publish";
import { sendMarkSeen } from "@/lib/send/send-mark-seen";
import { requireId } from "./conversation-id";

/**
 * The agent opened the conversation: its unread count goes to 0 for the whole team (published so other
 * inboxes update), and the person sees "Seen" (Meta's `mark_seen`, sent alone, never failing this call).
 * Not audited: opening a thread is reading, not a change of work. Already read: no-op.
 */
export async function markConversationRead({ agent, conversationId }: { agent: SessionAgent; conversationId: string }): Promise<{ unreadCount: number }> {
  requireId(conversationId);
  const channelIds = await accessibleChannelIds(agent);
  const { wasUnread } = await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ channel_id: string; unread_count: number }[]>`
      SELECT channel_id, unread_count FROM conversations
       WHERE id = ${conversationId}::uuid AND account_id = ${agent.accountId}::uuid FOR UPDATE`;
    if (!row || (channelIds && !channelIds.includes(row.channel_id))) throw AppError.notFound("Conversation");
    if (row.unread_count === 0) return { wasUnread: false };
    await tx.conversation.update({ where: { id: conversationId }, data: { unreadCount: 0 } });
    await publishRealtime([{ type: "conversation.updated", accountId: agent.accountId, channelId: row.channel_id, conversationId }], tx);
    return { wasUnread: true };
  });
  if (wasUnread) void sendMarkSeen(conversationId);
  return { unreadCount: 0 };
}
