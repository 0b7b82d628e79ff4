import "server-only";
import { channelScopeFilter } from "@/lib/access/accessible-channel-ids";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { requireId } from "@/lib/conversations/conversation-id";
import { AppError } from "@/lib/errors";
import { noteViewSelect, toNoteView, type NoteView } from "./note-view";

/** A conversation keeps few notes; the thread loads the newest ones at once and places them by time. */
export const NOTES_PER_CONVERSATION_SHOWN = 500;

/** The private notes of a conversation the agent may see, oldest first. */
export async function listNotes({ agent, conversationId }: { agent: SessionAgent; conversationId: string }): Promise<NoteView[]> {
  requireId(conversationId);
  const scope = await channelScopeFilter(agent);
  const conversation = await db.conversation.findFirst({ where: { ...scope, id: conversationId }, select: { id: true } });
  if (!conversation) throw AppError.notFound("Conversation");
  const rows = await db.note.findMany({
    where: { conversationId, accountId: agent.accountId },
    select: noteViewSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: NOTES_PER_CONVERSATION_SHOWN,
  });
  return rows.reverse().map(toNoteView);
}
