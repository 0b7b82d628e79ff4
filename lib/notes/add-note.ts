import "server-only";
import { channelScopeFilter } from "@/lib/access/accessible-channel-ids";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionAgent } from "@/lib/auth/session";
import { db, type Tx } from "@/lib/db";
import { requireId } from "@/lib/conversations/conversation-id";
import { assignableAgentWhere } from "@/lib/conversations/list-assignable-agents";
import { AppError } from "@/lib/errors";
import { publishRealtime } from "@/lib/realtime/publish";
import type { AddNoteInput } from "@/lib/validations/notes";
import { findMentions } from "./note-mentions";
import { noteViewSelect, toNoteView, type NoteView } from "./note-view";

/**
 * Adds a private note to a conversation the author may see; audited and published in one transaction. Teammates
 * it `@`-mentions who can see the conversation (managers, admins, agents of its channel; active; not the author)
 * get it in their mentions (lib/notes/mentions.ts); a name that matches nobody who can see it is plain text.
 */
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
    const mentioned = input.body.includes("@") ? await mentionedTeammates(tx, author, conversation.channelId, input.body) : [];
    if (mentioned.length > 0) await tx.noteMention.createMany({ data: mentioned.map((agentId) => ({ noteId: note.id, agentId, conversationId })) });
    await recordAuditEvent(
      { accountId: author.accountId, actorId: author.id, conversationId, type: "note.added", data: mentioned.length > 0 ? { noteId: note.id, mentioned } : { noteId: note.id } },
      tx,
    );
    await publishRealtime(
      [{ type: "note.added", accountId: author.accountId, channelId: conversation.channelId, conversationId, noteId: note.id }],
      tx,
    );
    return toNoteView(note);
  });
}

/** The teammates a note mentions, among those who can see the conversation's channel. */
async function mentionedTeammates(tx: Tx, author: SessionAgent, channelId: string, body: string): Promise<string[]> {
  // Those a conversation of the channel could be assigned to — the people who see it — but the author.
  const teammates = await tx.agent.findMany({
    where: { ...assignableAgentWhere(author.accountId, channelId), id: { not: author.id } },
    select: { id: true, name: true, email: true },
  });
  return findMentions(body, teammates);
}
