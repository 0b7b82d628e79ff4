import "server-only";
import { channelScopeFilter } from "@/lib/access/accessible-channel-ids";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { requireId } from "@/lib/conversations/conversation-id";
import { AppError } from "@/lib/errors";
import { publishRealtime } from "@/lib/realtime/publish";
import type { AddNoteInput } from "@/lib/validations/notes";
import { noteViewSelect, toNoteView, type NoteView } from "./note-view";

/** Adds a private note to a conversation the author may see; audited and published in one transaction. */
export async function addNote({ author, conversationId, input }: { author: SessionAgent; conversationId: string; input: AddNoteInput }): Promise<NoteView> {
  requireId(conversationId);
  const scope = await channelScopeFilter(author);
  return db.$transaction(async (tx) => {
    const conversation = await tx.conversation.findFirst({ where: { ...scope, id: conversationId }, select: { id: true, channelId: true } });
    if (!conversation) throw AppError.notFound("Conversation");
    const note = await tx.note.create({
      data: { accountId: author.accountId, conversationId, authorId: author.id, body: input.body },
      select: noteViewSelect,
    });
    await recordAuditEvent({ accountId: author.accountId, actorId: author.id, conversationId, type: "note.added", data: { noteId: note.id } }, tx);
    await publishRealtime(
      [{ type: "note.added", accountId: author.accountId, channelId: conversation.channelId, conversationId, noteId: note.id }],
      tx,
    );
    return toNoteView(note);
  });
}
