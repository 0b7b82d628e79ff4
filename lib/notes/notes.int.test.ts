import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addNote } from "@/lib/notes/add-note";
import { getNote } from "@/lib/notes/get-note";
import { listNotes } from "@/lib/notes/list-notes";
import { listMentions, markMentionsRead } from "@/lib/notes/mentions";
import { addNoteSchema } from "@/lib/validations/notes";
import { listenRealtime } from "@/lib/conversations/listen-realtime.test-support";
import { asSession, createConversation, createTestAgent, createWorkedConversation } from "@/scripts/testing/factories";

const setup = () => createWorkedConversation();

describe("private notes", () => {
  it("adds a note with its author, audits it, publishes note.added, and lists notes oldest first", async () => {
    const { account, channel, conversation, agent } = await setup();
    const listener = await listenRealtime();
    let first, second;
    try {
      first = await addNote({ author: agent, conversationId: conversation.id, input: addNoteSchema.parse({ body: "  Customer is a VIP.  " }) });
      second = await addNote({ author: agent, conversationId: conversation.id, input: { body: "Refund approved by Maya." } });
      await listener.settle();
      expect(listener.received).toEqual([
        { type: "note.added", accountId: account.id, channelId: channel.id, conversationId: conversation.id, noteId: first.id },
        { type: "note.added", accountId: account.id, channelId: channel.id, conversationId: conversation.id, noteId: second.id },
      ]);
    } finally {
      await listener.close();
    }
    expect(first).toMatchObject({ body: "Customer is a VIP.", author: { id: agent.id, name: agent.name }, conversationId: conversation.id });
    expect((await listNotes({ agent, conversationId: conversation.id })).map((n) => n.body)).toEqual(["Customer is a VIP.", "Refund approved by Maya."]);
    expect(await getNote({ agent, conversationId: conversation.id, noteId: second.id })).toEqual(second);
    const audit = await db.auditEvent.findMany({ where: { conversationId: conversation.id, type: "note.added" }, select: { actorId: true, data: true } });
    expect(audit).toEqual([
      { actorId: agent.id, data: { noteId: first.id } },
      { actorId: agent.id, data: { noteId: second.id } },
    ]);
    // Notes are never messages: nothing was queued for Meta.
    expect(await db.message.count({ where: { conversationId: conversation.id, direction: "OUTBOUND" } })).toBe(0);
  });

  it("refuses an empty or too long note before touching the database", () => {
    expect(addNoteSchema.safeParse({ body: "   " }).success).toBe(false);
    expect(addNoteSchema.safeParse({ body: "x".repeat(5001) }).success).toBe(false);
    expect(addNoteSchema.safeParse({}).success).toBe(false);
  });

  it("outside the agent's channels: not found, nothing written", async () => {
    const { account, conversation } = await setup();
    const outsider = asSession(await createTestAgent(account.id, "AGENT"));
    await expect(addNote({ author: outsider, conversationId: conversation.id, input: { body: "hi" } })).rejects.toMatchObject({ code: "not_found" });
    await expect(listNotes({ agent: outsider, conversationId: conversation.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(addNote({ author: outsider, conversationId: "nope", input: { body: "hi" } })).rejects.toMatchObject({ code: "not_found" });
    expect(await db.note.count({ where: { conversationId: conversation.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { conversationId: conversation.id } })).toBe(0);
  });

  it("a note id of another conversation is not found through this one", async () => {
    const { channel, conversation, agent } = await setup();
    const other = await createConversation(channel);
    const note = await addNote({ author: agent, conversationId: other.id, input: { body: "elsewhere" } });
    await expect(getNote({ agent, conversationId: conversation.id, noteId: note.id })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("@mentions in private notes", () => {
  const named = (id: string, name: string, email: string) => db.agent.update({ where: { id }, data: { name, email } });

  it("notifies the teammates named who can see the conversation — not the author, not one without the channel — and they read it", async () => {
    const { account, channel, conversation, agent: author } = await setup();
    const suffix = crypto.randomUUID().slice(0, 8);
    const colleague = await named((await createTestAgent(account.id, "AGENT")).id, "Robin Vale", `robin-${suffix}@test.invalid`);
    await db.pageMembership.create({ data: { agentId: colleague.id, channelId: channel.id } });
    const manager = await named((await createTestAgent(account.id, "MANAGER")).id, "Maya Manager", `maya-${suffix}@test.invalid`);
    const outsider = await named((await createTestAgent(account.id, "AGENT")).id, "Olive Other", `olive-${suffix}@test.invalid`);
    await named(author.id, "Alex Author", `alex-${suffix}@test.invalid`);

    const note = await addNote({ author, conversationId: conversation.id, input: { body: "@robin can you call back? @Maya Manager FYI. @olive @alex" } });
    const rows = await db.noteMention.findMany({ where: { noteId: note.id }, select: { agentId: true }, orderBy: { agentId: "asc" } });
    expect(rows.map((r) => r.agentId).sort()).toEqual([colleague.id, manager.id].sort());
    const audit = await db.auditEvent.findFirstOrThrow({ where: { conversationId: conversation.id, type: "note.added" } });
    expect(audit.data).toEqual({ noteId: note.id, mentioned: [colleague.id, manager.id] });

    const robin = asSession(colleague);
    const mine = await listMentions(robin);
    expect(mine).toMatchObject({ unreadCount: 1, mentions: [{ noteId: note.id, conversationId: conversation.id, authorName: "Alex Author", readAt: null }] });
    expect(mine.mentions[0]!.excerpt).toContain("@robin can you call back?");
    expect(await listMentions(asSession(outsider))).toEqual({ unreadCount: 0, mentions: [] });

    // Marking someone else's mention read changes nothing; one's own, once.
    expect(await markMentionsRead(asSession(manager), { noteIds: [crypto.randomUUID()] })).toBe(0);
    expect(await markMentionsRead(robin, { noteIds: [note.id] })).toBe(1);
    expect(await markMentionsRead(robin, { all: true })).toBe(0);
    expect((await listMentions(robin)).unreadCount).toBe(0);
    expect((await listMentions(asSession(manager))).unreadCount).toBe(1);

    // A channel taken away hides its mentions.
    await db.pageMembership.deleteMany({ where: { agentId: colleague.id } });
    expect((await listMentions(robin)).mentions).toEqual([]);
  });

  it("a note without a known name mentions nobody and keeps its audit as before", async () => {
    const { conversation, agent } = await setup();
    const note = await addNote({ author: agent, conversationId: conversation.id, input: { body: "email help@example.com, ask @nobody" } });
    expect(await db.noteMention.count({ where: { noteId: note.id } })).toBe(0);
    expect((await db.auditEvent.findFirstOrThrow({ where: { conversationId: conversation.id, type: "note.added" } })).data).toEqual({ noteId: note.id });
  });
});
