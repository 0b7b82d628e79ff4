import "server-only";
import type { SqlClient } from "@/lib/db";

export interface CsatAnswer {
  surveyId: string;
  /** The conversation the answer came from: an answer only rates a survey asked in that conversation. */
  conversationId: string;
  rating: number;
  comment: string | null;
  /** Meta's time of the answer. */
  at: Date;
}

/**
 * Stores the answers of a webhook batch in one statement. An answer is stored once: only a survey that was
 * asked (it has its message), in the conversation the answer came from, and not answered yet — a replayed or
 * duplicated webhook, or a second tap, changes nothing. Within one batch the earliest answer of a survey wins.
 * Returns the conversations whose survey got its answer.
 */
export async function recordCsatAnswers(tx: SqlClient, answers: CsatAnswer[]): Promise<string[]> {
  if (answers.length === 0) return [];
  const first = new Map<string, CsatAnswer>();
  for (const a of [...answers].sort((x, y) => x.at.getTime() - y.at.getTime())) if (!first.has(a.surveyId)) first.set(a.surveyId, a);
  const list = [...first.values()];
  const rows = await tx.$queryRaw<{ conversation_id: string }[]>`
    UPDATE csat_surveys s
       SET rating = t.rating, comment = t.comment, answered_at = t.at
      FROM unnest(${list.map((a) => a.surveyId)}::uuid[], ${list.map((a) => a.conversationId)}::uuid[], ${list.map((a) => a.rating)}::int[],
                  ${list.map((a) => a.comment)}::text[], ${list.map((a) => a.at)}::timestamptz[]) AS t(id, conversation_id, rating, comment, at)
     WHERE s.id = t.id AND s.conversation_id = t.conversation_id AND s.message_id IS NOT NULL AND s.rating IS NULL
    RETURNING s.conversation_id::text`;
  return rows.map((r) => r.conversation_id);
}
