import "server-only";
import type { SessionAgent } from "@/lib/auth/session";
import { isAssignable } from "./list-assignable-agents";
import { runConversationCommand } from "./run-conversation-command";

/**
 * A reply to an unassigned conversation assigns it to the agent who sent it (audited as
 * `conversation.assigned` with reason "reply", published like any assignment). Already assigned — to anyone —
 * it stays as it is; an actor who cannot be assigned the channel (not a member any more) leaves it unassigned.
 * Answers whether it assigned.
 */
export async function assignOnReply({ actor, conversationId }: { actor: SessionAgent; conversationId: string }): Promise<boolean> {
  return runConversationCommand({ actor, conversationId }, async (tx, conversation) => {
    if (conversation.assigneeId !== null) return { changed: false, result: false };
    if (!(await isAssignable(tx, { accountId: actor.accountId, channelId: conversation.channelId, assigneeId: actor.id }))) {
      return { changed: false, result: false };
    }
    await tx.conversation.update({ where: { id: conversation.id }, data: { assigneeId: actor.id } });
    return { changed: true, result: true, audit: { type: "conversation.assigned", data: { from: null, to: actor.id, reason: "reply" } } };
  });
}
