import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { clearChannelRestriction } from "@/lib/channels/channel-restriction";
import type { SqlClient } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { publishRealtime } from "@/lib/realtime/publish";
import { parseOutboxMetadata } from "./outbox-metadata";


export interface OutboundConfirmation {
  /** Our outbox message id. */
  messageId: string;
  channelId: string;
  /** Meta's message id from the Send API answer or the echo. */
  mid: string;
  /** Meta's time of the message when known (echo timestamp); the Send API answer carries none. */
  sentAt?: Date;
  /** Meta's raw Send API answer, kept for support. */
  metaResponse?: Prisma.InputJsonValue;
}

/**
 * Marks an outbox message as sent, exactly once, whichever proof arrives first: the Send API's answer or the
 * echo webhook carrying our outbox id. A duplicate proof changes nothing; a later proof corrects a message
 * that was marked failed after an unknown outcome (e.g. Meta answered 1/1357046 but delivered it).
 *
 * Returns false when no outbound message of ours has that id on that channel, or when the message was
 * already confirmed under another Meta message id — a resend after an unknown outcome whose first copy
 * went out after all. The caller then treats the echo as a message of its own, so the thread shows what the
 * person really received.
 */
export async function markOutboundSent(tx: SqlClient, confirmation: OutboundConfirmation): Promise<boolean> {
  // The conversation is locked before the message, in the order of the webhook processor (which locks the
  // conversations of a batch first, then settles an echo's message): the Send API's answer and the echo of the
  // same message, recorded at the same moment, must not deadlock — the loser's rollback turned a sent
  // message's job into a retry.
  await tx.$queryRaw`
    SELECT c.id FROM conversations c JOIN messages m ON m.conversation_id = c.id
     WHERE m.id = ${confirmation.messageId}::uuid AND m.channel_id = ${confirmation.channelId}::uuid
       FOR UPDATE OF c`;
  const [row] = await tx.$queryRaw<
    {
      id: string;
      account_id: string;
      conversation_id: string;
      agent_id: string | null;
      mid: string | null;
      send_status: string | null;
      messaging_type: string | null;
      tag: string | null;
      hours_since_inbound: number | null;
      text: string | null;
      sent_at: Date;
    }[]
  >`SELECT id, account_id, conversation_id, agent_id, mid, send_status::text, messaging_type::text, tag, hours_since_inbound, text, sent_at
      FROM messages
     WHERE id = ${confirmation.messageId}::uuid AND channel_id = ${confirmation.channelId}::uuid AND direction = 'OUTBOUND'
     FOR UPDATE`;
  if (!row) return false;
  if (row.send_status === "SENT" && row.mid !== null && row.mid !== confirmation.mid) return false;
  const alreadySent = row.send_status === "SENT" && row.mid === confirmation.mid;
  if (alreadySent && !confirmation.sentAt) return true;

  const sentAt = confirmation.sentAt ?? row.sent_at;
  const metaResponse = confirmation.metaResponse === undefined ? null : JSON.stringify(confirmation.metaResponse);
  await tx.$executeRaw`
    UPDATE messages
       SET mid = ${confirmation.mid}, send_status = 'SENT', sent_at = ${sentAt}, next_attempt_at = NULL,
           error_code = NULL, error_subcode = NULL, error_message = NULL, fbtrace_id = NULL,
           meta_response = COALESCE(${metaResponse}::jsonb, meta_response)
     WHERE id = ${row.id}::uuid`;
  if (alreadySent) return true;

  // The conversation's last message moves only forward in Meta time (an older proof never rewinds it).
  await tx.$executeRaw`
    UPDATE conversations
       SET last_message_at = ${sentAt},
           last_message_preview = (SELECT message_preview(text, kind::text, payload, attachments) FROM messages WHERE id = ${row.id}::uuid),
           last_message_direction = 'OUTBOUND',
           updated_at = now()
     WHERE id = ${row.conversation_id}::uuid AND (last_message_at IS NULL OR last_message_at <= ${sentAt})`;
  if (row.agent_id) {
    await tx.$executeRaw`
      UPDATE conversations SET first_response_at = ${sentAt}
       WHERE id = ${row.conversation_id}::uuid AND first_response_at IS NULL`;
  }
  // Meta took a message from this channel: a restriction it had is over.
  await clearChannelRestriction(tx, confirmation.channelId, row.id);
  await recordAuditEvent(
    {
      accountId: row.account_id,
      actorId: row.agent_id,
      conversationId: row.conversation_id,
      type: "send.sent",
      data: { messageId: row.id, mid: confirmation.mid, messagingType: row.messaging_type ?? "RESPONSE", tag: row.tag, hoursSinceInbound: row.hours_since_inbound },
    },
    tx,
  );
  await publishRealtime(
    [
      { type: "message.upserted", accountId: row.account_id, channelId: confirmation.channelId, conversationId: row.conversation_id, messageId: row.id },
      { type: "conversation.updated", accountId: row.account_id, channelId: confirmation.channelId, conversationId: row.conversation_id },
    ],
    tx,
  );
  return true;
}

/**
 * For the webhook processor: an echo whose metadata names one of our outbox messages settles that message
 * (returns true) instead of being imported as a new message.
 */
export async function settleOutboxFromEcho(
  tx: SqlClient,
  echo: { channelId: string; metadata: unknown; mid: string; timestamp: Date },
): Promise<boolean> {
  const messageId = parseOutboxMetadata(echo.metadata);
  if (!messageId) return false;
  return markOutboundSent(tx, { messageId, channelId: echo.channelId, mid: echo.mid, sentAt: echo.timestamp });
}
