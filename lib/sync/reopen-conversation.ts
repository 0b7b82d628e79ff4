import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { WindowOpener } from "@/lib/policy/window-policy";
import { reopenOnInbound, type ConversationStatus } from "@/lib/conversations/reopen-on-inbound";
import type { SqlClient } from "@/lib/db";

/** Applies the reopen rule to a conversation that just received a new inbound action. Returns whether it reopened. */
export async function reopenConversation(
  tx: SqlClient,
  conversation: { id: string; accountId: string; status: ConversationStatus },
  kind: WindowOpener,
): Promise<boolean> {
  const change = reopenOnInbound({ status: conversation.status, kind });
  if (!change) return false;
  const updated = await tx.$executeRaw`
    UPDATE conversations SET status = 'OPEN', snoozed_until = NULL, resolved_at = NULL, updated_at = now()
     WHERE id = ${conversation.id}::uuid AND status = ${conversation.status}::conversation_status`;
  if (updated === 0) return false;
  await recordAuditEvent({ accountId: conversation.accountId, conversationId: conversation.id, actorId: null, type: "conversation.status_changed", data: change.audit }, tx);
  return true;
}
