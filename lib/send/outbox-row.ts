import "server-only";
import type { Tx } from "@/lib/db";
import type { Platform, WindowOpener } from "@/lib/policy/window-policy";
import type { OutboundAttachment } from "./send-api-request";

/** An outbox message as an attempt needs it: the message, its channel, conversation and recipient. */
export interface OutboxRow {
  id: string;
  account_id: string;
  channel_id: string;
  conversation_id: string;
  agent_id: string | null;
  sender_kind: "AGENT" | "OUR_APP";
  text: string | null;
  attachments: unknown;
  reply_to_mid: string | null;
  send_status: "PENDING" | "SENT" | "FAILED" | null;
  send_attempts: number;
  send_checks: number;
  send_unconfirmed_since: Date | null;
  next_attempt_at: Date | null;
  messaging_type: string | null;
  tag: string | null;
  send_metadata: string | null;
  platform: Platform;
  human_agent_enabled: boolean;
  page_meta_id: string;
  meta_id: string;
  /** Which Graph host the channel's token belongs to. */
  connection: "FACEBOOK_LOGIN" | "INSTAGRAM_LOGIN";
  token_status: "VALID" | "NEEDS_RECONNECT" | "MISCONFIGURED";
  last_inbound_at: Date | null;
  last_inbound_kind: WindowOpener | null;
  recipient_id: string;
  /** A private reply: the comment's Meta id and what the private-reply policy needs (else nulls). */
  private_reply_comment_id: string | null;
  private_reply_meta_comment_id: string | null;
  private_reply_comment_at: Date | null;
  private_reply_by_page: boolean | null;
  /** A satisfaction survey (lib/csat): its id, and what its Send API content needs (else nulls). */
  csat_survey_id: string | null;
  csat_privacy_url: string | null;
  channel_name: string;
}

/** The outbox message, locked for this transaction; null when it is not an outbound message of ours. */
export async function lockOutboxRow(tx: Tx, messageId: string): Promise<OutboxRow | null> {
  const [row] = await tx.$queryRaw<OutboxRow[]>`
    SELECT m.id, m.account_id, m.channel_id, m.conversation_id, m.agent_id, m.sender_kind::text AS sender_kind, m.text,
           m.attachments, m.reply_to_mid, m.send_status::text AS send_status, m.send_attempts, m.send_checks,
           m.send_unconfirmed_since, m.next_attempt_at, m.messaging_type::text AS messaging_type, m.tag, m.send_metadata,
           ch.platform::text AS platform, ch.human_agent_enabled, ch.page_meta_id, ch.meta_id, ch.connection::text AS connection, ch.token_status::text AS token_status,
           c.last_inbound_at, c.last_inbound_kind::text AS last_inbound_kind, ct.platform_user_id AS recipient_id,
           m.private_reply_comment_id::text AS private_reply_comment_id, pr.meta_comment_id AS private_reply_meta_comment_id,
           pr.meta_created_at AS private_reply_comment_at, pr.by_page AS private_reply_by_page,
           cs.id::text AS csat_survey_id, cset.privacy_url AS csat_privacy_url, ch.name AS channel_name
      FROM messages m
      JOIN channels ch ON ch.id = m.channel_id
      JOIN conversations c ON c.id = m.conversation_id
      JOIN contacts ct ON ct.id = c.contact_id
      LEFT JOIN comments pr ON pr.id = m.private_reply_comment_id
      LEFT JOIN csat_surveys cs ON cs.message_id = m.id
      LEFT JOIN csat_settings cset ON cset.account_id = m.account_id
     WHERE m.id = ${messageId}::uuid AND m.direction = 'OUTBOUND' AND m.send_metadata IS NOT NULL
       FOR UPDATE OF m`;
  return row ?? null;
}

export function attachmentsOf(row: Pick<OutboxRow, "attachments">): OutboundAttachment[] {
  return Array.isArray(row.attachments) ? (row.attachments as OutboundAttachment[]) : [];
}
