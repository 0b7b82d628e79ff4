import "server-only";
import { accessibleChannelIds } from "@/lib/access/accessible-channel-ids";
import { recordAuditEvent, type AuditEventData, type AuditEventType } from "@/lib/audit/record-audit-event";
import type { SessionAgent } from "@/lib/auth/session";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { publishRealtime } from "@/lib/realtime/publish";
import { requireId } from "./conversation-id";
import type { ConversationStatus } from "./conversation-view";

/** The conversation as a command sees it, locked (FOR UPDATE) for the command's transaction. */
export interface LockedConversation {
  id: string;
  channelId: string;
  status: ConversationStatus;
  snoozedUntil: Date | null;
  assigneeId: string | null;
  unreadCount: number;
}

/** What a command did: nothing (no audit, no event), or a change — audited when `audit` is given — and published. */
export type CommandOutcome<T> =
  | { changed: false; result: T }
  | { changed: true; result: T; audit?: { [K in AuditEventType]: { type: K; data: AuditEventData[K] } }[AuditEventType] };

/**
 * The one path of every change an agent makes to a conversation (assign, status, read, unread…): the
 * conversation is locked within the actor's scope (another account's, or a channel the agent does not work,
 * is a 404 like a missing one), the command decides and writes, and its audit event and the
 * `conversation.updated` event are written in the same transaction — so a change is never published
 * without its audit, nor audited without happening.
 */
export async function runConversationCommand<T>(
  { actor, conversationId }: { actor: SessionAgent; conversationId: string },
  command: (tx: Tx, conversation: LockedConversation) => Promise<CommandOutcome<T>>,
): Promise<T> {
  requireId(conversationId);
  const channelIds = await accessibleChannelIds(actor);
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string; channel_id: string; status: ConversationStatus; snoozed_until: Date | null; assignee_id: string | null; unread_count: number }[]>`
      SELECT id, channel_id, status, snoozed_until, assignee_id, unread_count FROM conversations
       WHERE id = ${conversationId}::uuid AND account_id = ${actor.accountId}::uuid FOR UPDATE`;
    if (!row || (channelIds && !channelIds.includes(row.channel_id))) throw AppError.notFound("Conversation");
    const outcome = await command(tx, {
      id: row.id,
      channelId: row.channel_id,
      status: row.status,
      snoozedUntil: row.snoozed_until,
      assigneeId: row.assignee_id,
      unreadCount: row.unread_count,
    });
    if (!outcome.changed) return outcome.result;
    if (outcome.audit) {
      await recordAuditEvent({ accountId: actor.accountId, actorId: actor.id, conversationId, type: outcome.audit.type, data: outcome.audit.data } as Parameters<typeof recordAuditEvent>[0], tx);
    }
    await publishRealtime([{ type: "conversation.updated", accountId: actor.accountId, channelId: row.channel_id, conversationId }], tx);
    return outcome.result;
  });
}
