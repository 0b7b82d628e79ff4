import "server-only";
import { applyReaction } from "./apply-reaction";
import type { SqlClient } from "@/lib/db";

/**
 * What a webhook says about an existing message (or one that has not arrived yet). Edits order by
 * (num_edit, Meta time, text) — the text only breaks exact ties, so any arrival order ends the same.
 */
export type MessageUpdate =
  /** `message_edit`; `editCount` is Meta's `num_edit` (null when unreadable: counts as 1). */
  | { type: "edit"; text: string | null; editCount: number | null; at: Date }
  /** Instagram unsend (`is_deleted`). */
  | { type: "unsend"; at: Date }
  /** The person's react (emoji) or unreact (emoji null). */
  | { type: "reaction"; emoji: string | null; reaction: string | null; at: Date }
  /** Instagram `messaging_seen` of this message. */
  | { type: "seen"; at: Date };

export interface MessageUpdateResult {
  /** Our message id, or null when the message is not stored yet (the update waits for it). */
  messageId: string | null;
  /** The message row (or its reactions) changed. */
  messageChanged: boolean;
  /** A conversation field changed (read watermark) or may have (the latest message was edited/unsent). */
  conversationChanged: boolean;
}

/**
 * Applies updates to stored messages, or — when a message has not arrived yet (Meta does not guarantee order
 * after failed deliveries) — keeps the update in pending_message_updates until it does. Every rule is
 * "the latest by Meta's own ordering wins" (num_edit for edits, Meta time for reactions, the earliest unsend),
 * so the outcome does not depend on arrival order. The messages are looked up in one statement; results are
 * in the order of `updates`.
 */
export async function applyMessageUpdates(tx: SqlClient, updates: { channelId: string; mid: string; update: MessageUpdate }[]): Promise<MessageUpdateResult[]> {
  if (updates.length === 0) return [];
  const found = await tx.$queryRaw<{ id: string; channel_id: string; mid: string; sent_at: Date; conversation_id: string }[]>`
    SELECT m.id::text, m.channel_id::text, m.mid, m.sent_at, m.conversation_id::text
      FROM messages m JOIN unnest(${updates.map((u) => u.channelId)}::uuid[], ${updates.map((u) => u.mid)}::text[]) AS t(channel_id, mid)
        ON m.channel_id = t.channel_id AND m.mid = t.mid`;
  const byKey = new Map(found.map((m) => [`${m.channel_id}\u0001${m.mid}`, m]));
  const results: MessageUpdateResult[] = [];
  for (const { channelId, mid, update } of updates) {
    const message = byKey.get(`${channelId}\u0001${mid}`);
    if (message) {
      results.push(await applyToStoredMessage(tx, message, update));
    } else {
      await storePendingUpdate(tx, channelId, mid, update);
      results.push({ messageId: null, messageChanged: false, conversationChanged: false });
    }
  }
  return results;
}

export async function applyToStoredMessage(
  tx: SqlClient,
  message: { id: string; sent_at: Date; conversation_id: string },
  update: MessageUpdate,
): Promise<MessageUpdateResult> {
  const result = (messageChanged: boolean, conversationChanged = messageChanged): MessageUpdateResult => ({ messageId: message.id, messageChanged, conversationChanged });
  switch (update.type) {
    case "edit": {
      const count = update.editCount ?? 1;
      const changed = await tx.$executeRaw`
        UPDATE messages SET text = COALESCE(${update.text}, text), edit_count = ${count}, edited_at = ${update.at}
         WHERE id = ${message.id}::uuid
           AND (${count}::int, ${update.at}::timestamptz, COALESCE(${update.text}, '')) > (edit_count, COALESCE(edited_at, '-infinity'::timestamptz), COALESCE(text, ''))`;
      return result(changed > 0);
    }
    case "unsend": {
      const changed = await tx.$executeRaw`
        UPDATE messages SET deleted_at = ${update.at}
         WHERE id = ${message.id}::uuid AND (deleted_at IS NULL OR deleted_at > ${update.at})`;
      return result(changed > 0);
    }
    case "reaction": {
      const changed = await applyReaction(tx, { messageId: message.id, actor: "CONTACT", emoji: update.emoji, reaction: update.reaction, reactedAt: update.at });
      return result(changed, false);
    }
    case "seen": {
      const changed = await tx.$executeRaw`
        UPDATE conversations
           SET contact_read_up_to = ${message.sent_at}, contact_delivered_up_to = GREATEST(contact_delivered_up_to, ${message.sent_at}), updated_at = now()
         WHERE id = ${message.conversation_id}::uuid AND (contact_read_up_to IS NULL OR contact_read_up_to < ${message.sent_at})`;
      return { messageId: message.id, messageChanged: false, conversationChanged: changed > 0 };
    }
  }
}

async function storePendingUpdate(tx: SqlClient, channelId: string, mid: string, update: MessageUpdate): Promise<void> {
  switch (update.type) {
    case "edit": {
      const count = update.editCount ?? 1;
      await tx.$executeRaw`
        INSERT INTO pending_message_updates AS p (channel_id, mid, edit_text, edit_count, edited_at)
        VALUES (${channelId}::uuid, ${mid}, ${update.text}, ${count}, ${update.at})
        ON CONFLICT (channel_id, mid) DO UPDATE
           SET edit_text = EXCLUDED.edit_text, edit_count = EXCLUDED.edit_count, edited_at = EXCLUDED.edited_at
         WHERE (EXCLUDED.edit_count, EXCLUDED.edited_at, COALESCE(EXCLUDED.edit_text, '')) > (p.edit_count, COALESCE(p.edited_at, '-infinity'::timestamptz), COALESCE(p.edit_text, ''))`;
      return;
    }
    case "unsend":
      await tx.$executeRaw`
        INSERT INTO pending_message_updates AS p (channel_id, mid, deleted_at) VALUES (${channelId}::uuid, ${mid}, ${update.at})
        ON CONFLICT (channel_id, mid) DO UPDATE SET deleted_at = LEAST(COALESCE(p.deleted_at, EXCLUDED.deleted_at), EXCLUDED.deleted_at)`;
      return;
    case "reaction":
      await tx.$executeRaw`
        INSERT INTO pending_message_updates AS p (channel_id, mid, reaction_emoji, reaction_name, reacted_at)
        VALUES (${channelId}::uuid, ${mid}, ${update.emoji}, ${update.reaction}, ${update.at})
        ON CONFLICT (channel_id, mid) DO UPDATE
           SET reaction_emoji = EXCLUDED.reaction_emoji, reaction_name = EXCLUDED.reaction_name, reacted_at = EXCLUDED.reacted_at
         WHERE p.reacted_at IS NULL
            OR (EXCLUDED.reacted_at, EXCLUDED.reaction_emoji IS NULL, COALESCE(EXCLUDED.reaction_emoji, ''))
             > (p.reacted_at, p.reaction_emoji IS NULL, COALESCE(p.reaction_emoji, ''))`;
      return;
    case "seen":
      await tx.$executeRaw`
        INSERT INTO pending_message_updates AS p (channel_id, mid, seen_at) VALUES (${channelId}::uuid, ${mid}, ${update.at})
        ON CONFLICT (channel_id, mid) DO UPDATE SET seen_at = GREATEST(p.seen_at, EXCLUDED.seen_at)`;
      return;
  }
}
