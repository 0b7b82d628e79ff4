import "server-only";
import { applyToStoredMessage, type MessageUpdate } from "./apply-message-update";
import type { Tx } from "@/lib/db";

interface PendingRow {
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
 * reaction, an Instagram seen), then forgets it. Called by importMessages for the rows it inserted.
 */
export async function applyPendingMessageUpdates(
  tx: Tx,
  target: { channelId: string; conversationId: string },
  inserted: { id: string; mid: string }[],
): Promise<void> {
  const pending = await tx.$queryRaw<PendingRow[]>`
    DELETE FROM pending_message_updates
     WHERE channel_id = ${target.channelId}::uuid AND mid = ANY(${inserted.map((m) => m.mid)}::text[])
    RETURNING mid, edit_text, edit_count, edited_at, deleted_at, reaction_emoji, reaction_name, reacted_at, seen_at`;
  if (pending.length === 0) return;
  const messages = await tx.$queryRaw<{ id: string; mid: string; sent_at: Date; conversation_id: string }[]>`
    SELECT id, mid, sent_at, conversation_id FROM messages WHERE id = ANY(${inserted.map((m) => m.id)}::uuid[])`;
  const byMid = new Map(messages.map((m) => [m.mid, m]));
  for (const row of pending) {
    const message = byMid.get(row.mid);
    if (!message) continue;
    const updates: MessageUpdate[] = [];
    if (row.edited_at) updates.push({ type: "edit", text: row.edit_text, editCount: row.edit_count, at: row.edited_at });
    if (row.deleted_at) updates.push({ type: "unsend", at: row.deleted_at });
    if (row.reacted_at) updates.push({ type: "reaction", emoji: row.reaction_emoji, reaction: row.reaction_name, at: row.reacted_at });
    if (row.seen_at) updates.push({ type: "seen", at: row.seen_at });
    for (const update of updates) await applyToStoredMessage(tx, message, update);
  }
}
