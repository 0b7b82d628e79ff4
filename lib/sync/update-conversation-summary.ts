import "server-only";
import type { WindowOpener } from "@/lib/policy/window-policy";
import type { SqlClient } from "@/lib/db";

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

/** Ties on the same Meta instant resolve to the stronger opener (later in this list), so any arrival order gives one answer. */
const OPENER_ORDER: WindowOpener[] = ["REACTION", "MESSAGE", "POSTBACK", "REFERRAL", "AD_REFERRAL"];
const OPENER_RANK = `ARRAY[${OPENER_ORDER.map((kind) => `'${kind}'`).join(",")}]::text[]`;

/** Two changes of one conversation as one (what applying both, in any order, would do). */
export function mergeConversationChanges(a: ConversationChange, b: ConversationChange): ConversationChange {
  return {
    opener: strongerOpener(a.opener ?? null, b.opener ?? null),
    deliveredUpTo: latest(a.deliveredUpTo, b.deliveredUpTo),
    readUpTo: latest(a.readUpTo, b.readUpTo),
    unreadIncrement: (a.unreadIncrement ?? 0) + (b.unreadIncrement ?? 0),
    unreadAtLeast: a.unreadAtLeast == null ? b.unreadAtLeast : b.unreadAtLeast == null ? a.unreadAtLeast : Math.max(a.unreadAtLeast, b.unreadAtLeast),
    adReferralAt: latest(a.adReferralAt, b.adReferralAt),
    historyIncomplete: a.historyIncomplete === true || b.historyIncomplete === true,
    metaUpdatedAt: latest(a.metaUpdatedAt, b.metaUpdatedAt),
    allowBackward: a.allowBackward === true || b.allowBackward === true,
  };
}

function strongerOpener(a: ConversationChange["opener"], b: ConversationChange["opener"]): ConversationChange["opener"] {
  if (!a) return b ?? null;
  if (!b) return a;
  if (a.at.getTime() !== b.at.getTime()) return a.at > b.at ? a : b;
  return OPENER_ORDER.indexOf(b.kind) > OPENER_ORDER.indexOf(a.kind) ? b : a;
}

function latest(a: Date | null | undefined, b: Date | null | undefined): Date | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a > b ? a : b;
}

/**
 * Brings conversations' list fields up to date — one statement for any number of them, every rule
 * independent of arrival order:
 *
 * - last message (time, preview, direction): the newest stored message Meta has (not unsent), ties by mid;
 *   the preview is SQL's message_preview() (migration 20261206870000_message_preview), shared with sends;
 *   it only moves forward in Meta time — except after an unsend of the newest one;
 * - lastInboundAt / lastInboundKind: the latest window-opening action by Meta time (max wins; the window
 *   policy's one input). Deliveries, reads, echoes, edits and unsends never reach this;
 * - delivery / read watermarks and the ad-referral time: max wins (a read implies delivery);
 * - unread count: + new inbound messages (a replay inserts nothing, so adds nothing);
 * - historyIncomplete only ever turns on.
 */
export async function updateConversationSummaries(tx: SqlClient, changes: Map<string, ConversationChange>): Promise<void> {
  if (changes.size === 0) return;
  // In id order, like the locks the callers hold.
  const list = [...changes.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const col = <T>(pick: (c: ConversationChange) => T) => list.map(([, change]) => pick(change));
  await tx.$executeRawUnsafe(
    `
    UPDATE conversations c SET
      last_message_at = CASE WHEN m.sent_at IS NOT NULL AND (ch.backward OR c.last_message_at IS NULL OR m.sent_at >= c.last_message_at) THEN m.sent_at ELSE c.last_message_at END,
      last_message_preview = CASE WHEN m.sent_at IS NOT NULL AND (ch.backward OR c.last_message_at IS NULL OR m.sent_at >= c.last_message_at) THEN m.preview ELSE c.last_message_preview END,
      last_message_direction = CASE WHEN m.sent_at IS NOT NULL AND (ch.backward OR c.last_message_at IS NULL OR m.sent_at >= c.last_message_at) THEN m.direction ELSE c.last_message_direction END,
      last_inbound_kind = CASE
        WHEN ch.opener_at IS NOT NULL AND (c.last_inbound_at IS NULL OR ch.opener_at > c.last_inbound_at
             OR (ch.opener_at = c.last_inbound_at AND array_position(${OPENER_RANK}, ch.opener_kind) > array_position(${OPENER_RANK}, c.last_inbound_kind::text)))
        THEN ch.opener_kind::window_opener ELSE c.last_inbound_kind END,
      last_inbound_at = GREATEST(c.last_inbound_at, ch.opener_at),
      contact_delivered_up_to = GREATEST(c.contact_delivered_up_to, ch.delivered_up_to, ch.read_up_to),
      contact_read_up_to = GREATEST(c.contact_read_up_to, ch.read_up_to),
      unread_count = GREATEST(c.unread_count + ch.unread_increment, COALESCE(ch.unread_at_least, 0)),
      ad_referral_at = GREATEST(c.ad_referral_at, ch.ad_referral_at),
      history_incomplete = c.history_incomplete OR ch.history_incomplete,
      meta_updated_at = GREATEST(c.meta_updated_at, ch.meta_updated_at),
      updated_at = now()
    FROM unnest($1::uuid[], $2::bool[], $3::timestamptz[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::int[], $8::int[],
                $9::timestamptz[], $10::bool[], $11::timestamptz[])
         AS ch(id, backward, opener_at, opener_kind, delivered_up_to, read_up_to, unread_increment, unread_at_least, ad_referral_at,
               history_incomplete, meta_updated_at)
    LEFT JOIN LATERAL (
      SELECT sent_at, direction, message_preview(text, kind::text, payload, attachments) AS preview
        FROM messages
       WHERE conversation_id = ch.id AND mid IS NOT NULL AND deleted_at IS NULL
       ORDER BY sent_at DESC, mid DESC
       LIMIT 1) AS m ON true
    WHERE c.id = ch.id`,
    list.map(([id]) => id),
    col((c) => c.allowBackward === true),
    col((c) => c.opener?.at ?? null),
    col((c) => c.opener?.kind ?? null),
    col((c) => c.deliveredUpTo ?? null),
    col((c) => c.readUpTo ?? null),
    col((c) => c.unreadIncrement ?? 0),
    col((c) => c.unreadAtLeast ?? null),
    col((c) => c.adReferralAt ?? null),
    col((c) => c.historyIncomplete === true),
    col((c) => c.metaUpdatedAt ?? null),
  );
}

/** One conversation's list fields (see updateConversationSummaries). */
export async function updateConversationSummary(tx: SqlClient, conversationId: string, change: ConversationChange): Promise<void> {
  await updateConversationSummaries(tx, new Map([[conversationId, change]]));
}
