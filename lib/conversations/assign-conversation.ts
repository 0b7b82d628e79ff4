import "server-only";
import { channelScopeFilter } from "@/lib/access/accessible-channel-ids";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { publishRealtime } from "@/lib/realtime/publish";

/**
 * Assigns a conversation to an agent (or unassigns it with null). The actor must see the conversation; the
 * assignee must be an active agent of the account who can see its channel. Used by the inbox ("assign to
 * me", reassign) and by managers in review.
 */
export async function assignConversation({
  actor,
  conversationId,
  assigneeId,
}: {
  actor: SessionAgent;
  conversationId: string;
  assigneeId: string | null;
}): Promise<{ assigneeId: string | null }> {
  const scope = await channelScopeFilter(actor);
  return db.$transaction(async (tx) => {
    const [conversation] = await tx.$queryRaw<{ id: string; channel_id: string; assignee_id: string | null }[]>`
      SELECT id, channel_id, assignee_id FROM conversations
       WHERE id = ${conversationId}::uuid AND account_id = ${actor.accountId}::uuid FOR UPDATE`;
    if (!conversation || (scope.channelId && !scope.channelId.in.includes(conversation.channel_id))) throw AppError.notFound("Conversation");
    if (assigneeId !== null) {
      const assignee = await tx.agent.findFirst({
        where: { id: assigneeId, accountId: actor.accountId, active: true },
        select: { role: true, memberships: { where: { channelId: conversation.channel_id }, select: { channelId: true } } },
      });
      if (!assignee) throw AppError.invalid("The assignee must be an active member of your team.", { field: "assigneeId" });
      if (assignee.role === "AGENT" && assignee.memberships.length === 0) {
        throw AppError.invalid("This agent does not work the conversation's channel.", { field: "assigneeId" });
      }
    }
    if (conversation.assignee_id === assigneeId) return { assigneeId };
    await tx.conversation.update({ where: { id: conversationId }, data: { assigneeId } });
    await recordAuditEvent(
      { accountId: actor.accountId, actorId: actor.id, conversationId, type: "conversation.assigned", data: { from: conversation.assignee_id, to: assigneeId } },
      tx,
    );
    await publishRealtime([{ type: "conversation.updated", accountId: actor.accountId, channelId: conversation.channel_id, conversationId }], tx);
    return { assigneeId };
  });
}
