import "server-only";
import type { SqlClient } from "@/lib/db";

/**
 * Records a react (emoji set) or unreact (emoji null, kept as a tombstone) of one actor on one message. The
 * latest by Meta time wins whatever the arrival order; at the same instant an unreact wins, then the larger
 * emoji — a total order, so replays in any order end in the same row. Returns whether the row changed.
 */
export async function applyReaction(
  tx: SqlClient,
  input: { messageId: string; actor: "CONTACT" | "PAGE"; emoji: string | null; reaction: string | null; reactedAt: Date },
): Promise<boolean> {
  const rows = await tx.$queryRaw<{ message_id: string }[]>`
    INSERT INTO message_reactions (message_id, actor, emoji, reaction, reacted_at)
    VALUES (${input.messageId}::uuid, ${input.actor}::reaction_actor, ${input.emoji}, ${input.reaction}, ${input.reactedAt})
    ON CONFLICT (message_id, actor) DO UPDATE
       SET emoji = EXCLUDED.emoji, reaction = EXCLUDED.reaction, reacted_at = EXCLUDED.reacted_at
     WHERE (EXCLUDED.reacted_at, EXCLUDED.emoji IS NULL, COALESCE(EXCLUDED.emoji, ''))
         > (message_reactions.reacted_at, message_reactions.emoji IS NULL, COALESCE(message_reactions.emoji, ''))
    RETURNING message_id`;
  return rows.length > 0;
}
