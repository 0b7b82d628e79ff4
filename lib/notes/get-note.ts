import "server-only";
import { channelScopeFilter } from "@/lib/access/accessible-channel-ids";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { requireId } from "@/lib/conversations/conversation-id";
import { AppError } from "@/lib/errors";
import { noteViewSelect, toNoteView, type NoteView } from "./note-view";

/** One note of a conversation the agent may see: what a realtime `note.added` fetches. */
export async function getNote({ agent, conversationId, noteId }: { agent: SessionAgent; conversationId: string; noteId: string }): Promise<NoteView> {
  requireId(conversationId);
  requireId(noteId, "Note");
  const scope = await channelScopeFilter(agent);
  const note = await db.note.findFirst({
    where: { id: noteId, conversationId, accountId: agent.accountId, conversation: scope },
    select: noteViewSelect,
  });
  if (!note) throw AppError.notFound("Note");
  return toNoteView(note);
}
