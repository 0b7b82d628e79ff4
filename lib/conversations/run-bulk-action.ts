import "server-only";
import type { SessionAgent } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { BulkConversationAction } from "@/lib/validations/labels";
import { assignConversation } from "./assign-conversation";
import { changeConversationLabels } from "./change-conversation-labels";
import { changeConversationStatus } from "./change-conversation-status";

export interface BulkOutcome {
  conversationId: string;
  ok: boolean;
  /** Why this one was not changed (not found, not assignable…), in the agent's words. */
  error?: { code: string; message: string };
}

/**
 * One action on several conversations: each goes through the same command as when done one at a time (its
 * own transaction, lock, audit event and realtime event), so a conversation the agent may not touch fails
 * alone and the others are changed. Conversations are taken in id order so two concurrent bulk actions
 * lock in the same order.
 */
export async function runBulkAction({
  actor,
  conversationIds,
  action,
  now = new Date(),
}: {
  actor: SessionAgent;
  conversationIds: string[];
  action: BulkConversationAction["action"];
  now?: Date;
}): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = [];
  for (const conversationId of [...new Set(conversationIds.map((id) => id.toLowerCase()))].sort()) {
    try {
      switch (action.type) {
        case "assign":
          await assignConversation({ actor, conversationId, assigneeId: action.assigneeId });
          break;
        case "label":
          await changeConversationLabels({ actor, conversationId, change: { add: action.add, remove: action.remove } });
          break;
        case "status":
          await changeConversationStatus({ actor, conversationId, change: action.change, now });
          break;
      }
      outcomes.push({ conversationId, ok: true });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcomes.push({ conversationId, ok: false, error: { code: error.code, message: error.message } });
    }
  }
  return outcomes;
}
