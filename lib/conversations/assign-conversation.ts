import "server-only";
import type { SessionAgent } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { isAssignable } from "./list-assignable-agents";
import { runConversationCommand } from "./run-conversation-command";

/**
 * Assigns a conversation to an agent (or unassigns it with null). The actor must see the conversation; the
 * assignee must be an active agent of the account who can see its channel. Used by the inbox ("assign to
 * me", reassign) and by managers in review. Audited as `conversation.assigned`.
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
  return runConversationCommand({ actor, conversationId }, async (tx, conversation) => {
    if (assigneeId !== null && !(await isAssignable(tx, { accountId: actor.accountId, channelId: conversation.channelId, assigneeId }))) {
      throw AppError.invalid("The assignee must be an active member of your team who works the conversation's channel.", { field: "assigneeId" });
    }
    if (conversation.assigneeId === assigneeId) return { changed: false, result: { assigneeId } };
    await tx.conversation.update({ where: { id: conversationId }, data: { assigneeId } });
    return { changed: true, result: { assigneeId }, audit: { type: "conversation.assigned", data: { from: conversation.assigneeId, to: assigneeId } } };
  });
}
