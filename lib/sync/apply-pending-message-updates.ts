import "server-only";
import { applyToStoredMessage, type MessageUpdate } from "./apply-message-update";
import type { SqlClient } from "@/lib/db";

interface PendingRow {
  channel_id: string;
  mid: string;
  edit_text: string | null;
  edit_count: number;
  edited_at: Date | null;
  deleted_at: Date | null;
  reaction_emoji: string | null;
  reaction_name: string | null;
  reacted_at: Date | null;
  seen_at: Date | null;
}

/**
 * Folds into newly stored messages what webhooks said about them before they arrived (an edit, an unsend, a
 * reaction, an Instagram seen), then forgets it: one statement for the whole batch, and work only for the
 * (rare) messages something was waiting for. Called by insertMessages for the rows it inserted.
 */
export async function applyPendingMessageUpdates(tx: SqlClient, inserted: { id: string; mid: string; channelId: string }[]): Promise<void> {
  const pending = await tx.$queryRaw<PendingRow[]>`
    DELETE FROM pending_message_updates p
     USING unnest(${inserted.map((m) => m.channelId)}::uuid[], ${inserted.map((m) => m.mid)}::text[]) AS t(channel_id, mid)
     WHERE p.channel_id = t.channel_id AND p.mid = t.mid
    RETURNING p.channel_id::text, p.mid, p.edit_text, p.edit_count, p.edited_at, p.deleted_at, p.reaction_emoji, p.reaction_name, p.reacted_at, p.seen_at`;
  if (pending.length === 0) return;
  const waitedFor = new Set(pending.map((p) => `${p.channel_id}\u0001${p.mid}`));
  const ids = inserted.filter((m) => waitedFor.has(`${m.channelId}\u0001${m.mid}`)).map((m) => m.id);
  const messages = await tx.$queryRaw<{ id: string; channel_id: string; mid: string; sent_at: Date; conversation_id: string }[]>`
    SELECT id::text, channel_id::text, mid, sent_at, conversation_id::text FROM messages WHERE id = ANY(${ids}::uuid[])`;
  const byKey = new Map(messages.map((m) => [`${m.channel_id}\u0001${m.mid}`, m]));
  for (const row of pending) {
    const message = byKey.get(`${row.channel_id}\u0001${row.mid}`);
    if (!message) continue;
    const updates: MessageUpdate[] = [];
    if (row.edited_at) updates.push({ type: "edit", text: row.edit_text, editCount: row.edit_count, at: row.edited_at });
    if (row.deleted_at) updates.push({ type: "unsend", at: row.deleted_at });
    if (row.reacted_at) updates.push({ type: "reaction", emoji: row.reaction_emoji, reaction: row.reaction_name, at: row.reacted_at });
    if (row.seen_at) updates.push({ type: "seen", at: row.seen_at });
    for (const update of updates) await applyToStoredMessage(tx, message, update);
  }
}
