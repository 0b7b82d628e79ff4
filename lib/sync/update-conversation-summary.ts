import "server-only";
import type { WindowOpener } from "@/lib/policy/window-policy";
import type { Tx } from "@/lib/db";

export interface ConversationChange {
  /** A window-opening action of the person (message, postback, react, referral) at Meta time `at`. */
  opener?: { at: Date; kind: WindowOpener } | null;
  deliveredUpTo?: Date | null;
  readUpTo?: Date | null;
  /** New inbound messages the agents have not seen. */
  unreadIncrement?: number;
  /** Meta's own unread count, for a conversation the backfill just created. */
  unreadAtLeast?: number | null;
  adReferralAt?: Date | null;
  historyIncomplete?: boolean;
  /** Meta's `updated_time` read by a sync. */
  metaUpdatedAt?: Date | null;
  /** The latest message may have been unsent: let the last-message fields move back to the one before. */
  allowBackward?: boolean;
}

/** Ties on the same Meta instant resolve to the stronger opener, so any arrival order gives one answer. */
const OPENER_RANK = "ARRAY['REACTION','MESSAGE','POSTBACK','REFERRAL','AD_REFERRAL']::text[]";

/**
 * Brings a conversation's list fields up to date in one statement, every rule independent of arrival order:
 *
 * - last message (time, preview, direction): the newest stored message Meta has (not unsent), ties by mid;
 *   it only moves forward in Meta time — except after an unsend of the newest one;
 * - lastInboundAt / lastInboundKind: the latest window-opening action by Meta time (max wins; the window
 *   policy's one input). Deliveries, reads, echoes, edits and unsends never reach this;
 * - delivery / read watermarks and the ad-referral time: max wins (a read implies delivery);
 * - unread count: + new inbound messages (a replay inserts nothing, so adds nothing);
 * - historyIncomplete only ever turns on.
 */
export async function updateConversationSummary(tx: Tx, conversationId: string, change: ConversationChange): Promise<void> {
  const openerAt = change.opener?.at ?? null;
  const openerKind = change.opener?.kind ?? null;
  const backward = change.allowBackward === true;
  await tx.$executeRawUnsafe(
    `
    UPDATE conversations c SET
      last_message_at = CASE WHEN m.sent_at IS NOT NULL AND ($2 OR c.last_message_at IS NULL OR m.sent_at >= c.last_message_at) THEN m.sent_at ELSE c.last_message_at END,
      last_message_preview = CASE WHEN m.sent_at IS NOT NULL AND ($2 OR c.last_message_at IS NULL OR m.sent_at >= c.last_message_at) THEN m.preview ELSE c.last_message_preview END,
      last_message_direction = CASE WHEN m.sent_at IS NOT NULL AND ($2 OR c.last_message_at IS NULL OR m.sent_at >= c.last_message_at) THEN m.direction ELSE c.last_message_direction END,
      last_inbound_kind = CASE
        WHEN $3::timestamptz IS NOT NULL AND (c.last_inbound_at IS NULL OR $3 > c.last_inbound_at
             OR ($3 = c.last_inbound_at AND array_position(${OPENER_RANK}, $4::text) > array_position(${OPENER_RANK}, c.last_inbound_kind::text)))
        THEN $4::window_opener ELSE c.last_inbound_kind END,
      last_inbound_at = GREATEST(c.last_inbound_at, $3::timestamptz),
      contact_delivered_up_to = GREATEST(c.contact_delivered_up_to, $5::timestamptz, $6::timestamptz),
      contact_read_up_to = GREATEST(c.contact_read_up_to, $6::timestamptz),
      unread_count = GREATEST(c.unread_count + $7::int, COALESCE($8::int, 0)),
      ad_referral_at = GREATEST(c.ad_referral_at, $9::timestamptz),
      history_incomplete = c.history_incomplete OR $10,
      meta_updated_at = GREATEST(c.meta_updated_at, $11::timestamptz),
      updated_at = now()
    FROM (SELECT 1) AS one
    LEFT JOIN LATERAL (
      SELECT sent_at, direction,
             COALESCE(NULLIF(text, ''),
                      CASE WHEN kind = 'REFERRAL' THEN
                        CASE WHEN payload->>'source' = 'ADS' OR payload ? 'ad_id' THEN 'Opened the conversation from an ad' ELSE 'Opened the conversation from a link' END END,
                      CASE attachments->0->>'type'
                        WHEN 'image' THEN 'Photo' WHEN 'video' THEN 'Video' WHEN 'audio' THEN 'Voice message'
                        WHEN 'sticker' THEN 'Sticker' WHEN 'file' THEN 'File' ELSE CASE WHEN attachments IS NOT NULL THEN 'Attachment' END END,
                      '') AS preview
        FROM messages
       WHERE conversation_id = $1::uuid AND mid IS NOT NULL AND deleted_at IS NULL
       ORDER BY sent_at DESC, mid DESC
       LIMIT 1) AS m ON true
    WHERE c.id = $1::uuid`,
    conversationId,
    backward,
    openerAt,
    openerKind,
    change.deliveredUpTo ?? null,
    change.readUpTo ?? null,
    change.unreadIncrement ?? 0,
    change.unreadAtLeast ?? null,
    change.adReferralAt ?? null,
    change.historyIncomplete === true,
    change.metaUpdatedAt ?? null,
  );
}
