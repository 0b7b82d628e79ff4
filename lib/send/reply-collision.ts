import "server-only";
import { db } from "@/lib/db";
import type { ReplyCollisionDetails } from "@/lib/error-codes";
import { AppError } from "@/lib/errors";

/**
 * "Sam replied 12 s ago — review before sending": the newest reply in the conversation by anyone but this
 * agent — another agent of ours, or a person answering from another app (Meta Business Suite: OTHER_APP
 * echoes) — stored after `seenUpTo`, the newest `recordedAt` the agent had seen when they opened the thread or
 * started the draft.
 * Failed sends (never reached the person), automated messages of our app and notes (not replies) do not count.
 */
export async function findReplyCollision({
  conversationId,
  agentId,
  seenUpTo,
}: {
  conversationId: string;
  agentId: string;
  seenUpTo: Date;
}): Promise<ReplyCollisionDetails | null> {
  const [row] = await db.$queryRaw<{ id: string; agent_id: string | null; agent_name: string | null; recorded_at: Date }[]>`
    SELECT m.id, m.agent_id, a.name AS agent_name, m.recorded_at
      FROM messages m LEFT JOIN agents a ON a.id = m.agent_id
     WHERE m.conversation_id = ${conversationId}::uuid
       AND m.direction = 'OUTBOUND' AND m.deleted_at IS NULL
       -- recorded_at, not sent_at: sent_at moves to Meta's time when a reply's echo arrives; what the agent saw
       -- (MessageView.recordedAt) must compare with a time that never changes.
       AND m.recorded_at > ${seenUpTo}
       AND m.send_status IS DISTINCT FROM 'FAILED'
       AND ((m.sender_kind = 'AGENT' AND m.agent_id IS DISTINCT FROM ${agentId}::uuid) OR m.sender_kind = 'OTHER_APP')
     ORDER BY m.recorded_at DESC, m.id DESC
     LIMIT 1`;
  if (!row) return null;
  return { agentId: row.agent_id, agentName: row.agent_name, repliedAt: row.recorded_at.toISOString(), messageId: row.id };
}

/** The 409 the send API answers with (lib/error-codes.ts `reply_collision`). */
export function replyCollisionError(collision: ReplyCollisionDetails): AppError {
  const who = collision.agentName ?? "Someone using another app";
  return new AppError("reply_collision", `${who} replied in this conversation after you opened it. Review the reply, then send again.`, { ...collision });
}
