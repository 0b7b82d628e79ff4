import "server-only";
import { accessibleChannelIds } from "@/lib/access/accessible-channel-ids";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { publishRealtime } from "@/lib/realtime/publish";
import { requireId } from "./conversation-id";

/**
 * "Mark unread": the agent wants to come back to it. Keeps a higher count as it is (the person's unread
 * messages stay counted), otherwise sets 1. Audited and published.
 */
export async function markConversationUnread({ agent, conversationId }: { agent: SessionAgent; conversationId: string }): Promise<{ unreadCount: number }> {
  requireId(conversationId);
  const channelIds = await accessibleChannelIds(agent);
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ channel_id: string; unread_count: number }[]>`
      SELECT channel_id, unread_count FROM conversations
       WHERE id = ${conversationId}::uuid AND account_id = ${agent.accountId}::uuid FOR UPDATE`;
    if (!row || (channelIds && !channelIds.includes(row.channel_id))) throw AppError.notFound("Conversation");
    if (row.unread_count > 0) return { unreadCount: row.unread_count };
    await tx.conversation.update({ where: { id: conversationId }, data: { unreadCount: 1 } });
    await recordAuditEvent(
      { accountId: agent.accountId, actorId: agent.id, conversationId, type: "conversation.marked_unread", data: { unreadCount: 1 } },
      tx,
    );
    await publishRealtime([{ type: "conversation.updated", accountId: agent.accountId, channelId: row.channel_id, conversationId }], tx);
    return { unreadCount: 1 };
  });
}
