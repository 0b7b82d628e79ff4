import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAccount, createChannel, createConversation, createTestAgent } from "@/scripts/testing/factories";
import { markOutboundSent, settleOutboxFromEcho } from "./mark-outbound-sent";
import { outboxMetadata } from "./outbox-metadata";

async function pendingReply() {
  const account = await createAccount();
  const channel = await createChannel(account.id);
  const conversation = await createConversation(channel, { hoursAgo: 2 });
  const agent = await createTestAgent(account.id);
  const message = await db.message.create({
    data: {
      accountId: account.id,
      channelId: channel.id,
      conversationId: conversation.id,
      direction: "OUTBOUND",
      senderKind: "AGENT",
      agentId: agent.id,
      text: "On its way!",
      sentAt: new Date(),
      messagingType: "RESPONSE",
      sendStatus: "PENDING",
      idempotencyKey: crypto.randomUUID(),
      hoursSinceInbound: 2,
    },
  });
  return { channel, conversation, agent, message };
}

describe("settling an outbound message", () => {
  it("the echo settles it once; the later Send API answer and duplicate echoes change nothing", async () => {
    const { channel, conversation, message } = await pendingReply();
    const echoAt = new Date(Date.now() + 1_000);
    const echo = { channelId: channel.id, metadata: outboxMetadata(message.id), mid: "m_abc", timestamp: echoAt };
    expect(await db.$transaction((tx) => settleOutboxFromEcho(tx, echo))).toBe(true);
    expect(await db.$transaction((tx) => settleOutboxFromEcho(tx, echo))).toBe(true);
    expect(await db.$transaction((tx) => markOutboundSent(tx, { messageId: message.id, channelId: channel.id, mid: "m_abc" }))).toBe(true);

    const stored = await db.message.findUniqueOrThrow({ where: { id: message.id } });
    expect(stored).toMatchObject({ mid: "m_abc", sendStatus: "SENT", sentAt: echoAt });
    expect(await db.message.count({ where: { conversationId: conversation.id } })).toBe(2);
    expect(await db.auditEvent.count({ where: { conversationId: conversation.id, type: "send.sent" } })).toBe(1);
    const updated = await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(updated).toMatchObject({ lastMessageAt: echoAt, lastMessageDirection: "OUTBOUND", lastMessagePreview: "On its way!", firstResponseAt: echoAt });
  });

  it("the Send API's answer and the echo recorded at the same moment both succeed (no deadlock between them)", async () => {
    const { channel, conversation, message } = await pendingReply();
    const echo = { channelId: channel.id, metadata: outboxMetadata(message.id), mid: "m_same", timestamp: new Date(Date.now() + 1_000) };
    let answer: Promise<boolean> | null = null;
    const echoSettled = await db.$transaction(
      async (tx) => {
        // The webhook processor's order: the batch's conversations are locked first (upsertConversations)…
        await tx.$queryRaw`SELECT id FROM conversations WHERE id = ${conversation.id}::uuid FOR UPDATE`;
        // …while the send job records Meta's answer for the same message…
        answer = db.$transaction((other) => markOutboundSent(other, { messageId: message.id, channelId: channel.id, mid: "m_same" }), { timeout: 20_000 });
        await new Promise((r) => setTimeout(r, 300));
        // …and then the echo settles its message.
        return settleOutboxFromEcho(tx, echo);
      },
      { timeout: 20_000 },
    );
    expect(echoSettled).toBe(true);
    expect(await answer!).toBe(true);
    expect(await db.message.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ mid: "m_same", sendStatus: "SENT", sentAt: echo.timestamp });
    expect(await db.auditEvent.count({ where: { conversationId: conversation.id, type: "send.sent" } })).toBe(1);
  });

  it("an echo that proves delivery corrects a message marked failed after an unknown outcome", async () => {
    const { channel, message } = await pendingReply();
    await db.message.update({ where: { id: message.id }, data: { sendStatus: "FAILED", errorCode: 1, errorSubcode: 1357046 } });
    await db.$transaction((tx) => settleOutboxFromEcho(tx, { channelId: channel.id, metadata: outboxMetadata(message.id), mid: "m_late", timestamp: new Date() }));
    expect(await db.message.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ sendStatus: "SENT", errorCode: null, mid: "m_late" });
  });

  it("a second Meta message for the same outbox row (a resend whose first copy arrived late) is not merged into it", async () => {
    const { channel, conversation, message } = await pendingReply();
    const metadata = outboxMetadata(message.id);
    expect(await db.$transaction((tx) => settleOutboxFromEcho(tx, { channelId: channel.id, metadata, mid: "m_second", timestamp: new Date() }))).toBe(true);
    expect(await db.$transaction((tx) => settleOutboxFromEcho(tx, { channelId: channel.id, metadata, mid: "m_first", timestamp: new Date() }))).toBe(false);
    expect(await db.message.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ mid: "m_second", sendStatus: "SENT" });
    expect(await db.auditEvent.count({ where: { conversationId: conversation.id, type: "send.sent" } })).toBe(1);
  });

  it("ignores echoes that are not ours, or name a message of another channel", async () => {
    const { channel, message } = await pendingReply();
    const other = await createChannel(channel.accountId);
    expect(await db.$transaction((tx) => settleOutboxFromEcho(tx, { channelId: channel.id, metadata: "from another app", mid: "m_x", timestamp: new Date() }))).toBe(false);
    expect(await db.$transaction((tx) => settleOutboxFromEcho(tx, { channelId: other.id, metadata: outboxMetadata(message.id), mid: "m_y", timestamp: new Date() }))).toBe(false);
    expect((await db.message.findUniqueOrThrow({ where: { id: message.id } })).sendStatus).toBe("PENDING");
  });

  it("never rewinds the conversation's last message time", async () => {
    const { channel, conversation, message } = await pendingReply();
    const later = new Date(Date.now() + 60_000);
    await db.conversation.update({ where: { id: conversation.id }, data: { lastMessageAt: later, lastMessagePreview: "newer" } });
    await db.$transaction((tx) => settleOutboxFromEcho(tx, { channelId: channel.id, metadata: outboxMetadata(message.id), mid: "m_old", timestamp: new Date() }));
    expect(await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).toMatchObject({ lastMessageAt: later, lastMessagePreview: "newer" });
  });
});
