import { describe, expect, it } from "vitest";
import { getConversation } from "@/lib/conversations/get-conversation";
import { getConversationMessage } from "@/lib/conversations/get-conversation-message";
import { listConversationMessages } from "@/lib/conversations/list-conversation-messages";
import { db } from "@/lib/db";
import { asSession, createAccount, createChannel, createConversation, createTestAgent } from "@/scripts/testing/factories";

const MIN = 60_000;

async function threadWith(count: number) {
  const account = await createAccount();
  const channel = await createChannel(account.id);
  const conversation = await createConversation(channel, { hoursAgo: 48 });
  const base = Date.now() - 24 * 60 * MIN;
  // Two messages share each timestamp: the cursor must break ties by id.
  await db.message.createMany({
    data: Array.from({ length: count - 1 }, (_, i) => ({
      accountId: account.id,
      channelId: channel.id,
      conversationId: conversation.id,
      mid: `m_thread_${conversation.id}_${i}`,
      direction: i % 2 ? ("OUTBOUND" as const) : ("INBOUND" as const),
      senderKind: i % 2 ? ("OUR_APP" as const) : ("CONTACT" as const),
      text: `message ${i}`,
      sentAt: new Date(base + Math.floor(i / 2) * MIN),
    })),
  });
  return { account, channel, conversation };
}

describe("conversation thread", () => {
  it("pages from the newest message back to the oldest without gaps or repeats, oldest first within a page", async () => {
    const { account, conversation } = await threadWith(23);
    const manager = asSession(await createTestAgent(account.id, "MANAGER"));
    const pages = [];
    let before: string | undefined;
    do {
      const page = await listConversationMessages({ agent: manager, conversationId: conversation.id, before, limit: 5 });
      pages.push(page.messages);
      before = page.olderCursor ?? undefined;
    } while (before);
    expect(pages).toHaveLength(5);
    const shown = pages.reverse().flat();
    const expected = await db.message.findMany({ where: { conversationId: conversation.id }, orderBy: [{ sentAt: "asc" }, { id: "asc" }] });
    expect(shown.map((m) => m.id)).toEqual(expected.map((m) => m.id));
  });

  it("maps every field the thread shows: agent, reactions, tag, failure in agent language, unsent content hidden", async () => {
    const { account, channel, conversation } = await threadWith(1);
    const agent = await createTestAgent(account.id, "AGENT");
    await db.pageMembership.create({ data: { agentId: agent.id, channelId: channel.id } });
    const sentAt = new Date();
    const failed = await db.message.create({
      data: {
        accountId: account.id,
        channelId: channel.id,
        conversationId: conversation.id,
        direction: "OUTBOUND",
        senderKind: "AGENT",
        agentId: agent.id,
        text: "We'll send a new one today.",
        sentAt,
        messagingType: "MESSAGE_TAG",
        tag: "HUMAN_AGENT",
        sendStatus: "FAILED",
        errorCode: 551,
        errorMessage: "This person isn't available right now.",
        fbtraceId: "AbCdEf",
        idempotencyKey: "key-failed-0001",
        attachments: [{ type: "image", url: "https://cdn.example/photo.jpg" }],
      },
    });
    const unsent = await db.message.create({
      data: {
        accountId: account.id,
        channelId: channel.id,
        conversationId: conversation.id,
        mid: "m_unsent",
        direction: "INBOUND",
        senderKind: "CONTACT",
        text: "oops",
        sentAt: new Date(sentAt.getTime() + 1000),
        deletedAt: new Date(),
      },
    });
    await db.messageReaction.create({ data: { messageId: failed.id, actor: "CONTACT", emoji: "❤️", reaction: "love", reactedAt: new Date() } });
    await db.messageReaction.create({ data: { messageId: unsent.id, actor: "PAGE", emoji: null, reaction: null, reactedAt: new Date() } });

    const { messages } = await listConversationMessages({ agent: asSession(agent), conversationId: conversation.id, limit: 50 });
    const [shownFailed, shownUnsent] = messages.slice(-2);
    expect(shownFailed).toMatchObject({
      id: failed.id,
      senderKind: "AGENT",
      agent: { id: agent.id, name: agent.name },
      messagingType: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
      sendStatus: "FAILED",
      reactions: [{ actor: "CONTACT", emoji: "❤️", reaction: "love" }],
      attachments: [{ type: "image", url: "https://cdn.example/photo.jpg", title: null, name: null }],
      idempotencyKey: "key-failed-0001",
      sentAt: sentAt.toISOString(),
    });
    expect(shownFailed!.error).toMatchObject({ code: 551, fbtraceId: "AbCdEf", action: "none" });
    expect(shownFailed!.error!.message).not.toBe("This person isn't available right now.");
    expect(shownUnsent).toMatchObject({ id: unsent.id, text: null, reactions: [] });
    expect(shownUnsent!.deletedAt).not.toBeNull();

    // The single-message read (realtime refetch) gives the same view.
    expect(await getConversationMessage({ agent: asSession(agent), conversationId: conversation.id, messageId: failed.id })).toEqual(shownFailed);
  });

  it("the detail carries the thread's fields and the list row's", async () => {
    const { account, conversation } = await threadWith(1);
    const delivered = new Date(Date.now() - 5 * MIN);
    await db.conversation.update({ where: { id: conversation.id }, data: { historyIncomplete: true, contactDeliveredUpTo: delivered } });
    const manager = asSession(await createTestAgent(account.id, "MANAGER"));
    const detail = await getConversation({ agent: manager, conversationId: conversation.id });
    expect(detail).toMatchObject({
      id: conversation.id,
      status: "OPEN",
      historyIncomplete: true,
      contactDeliveredUpTo: delivered.toISOString(),
      contactReadUpTo: null,
      metaThreadId: conversation.metaThreadId,
      unreadCount: 1,
    });
    expect(detail.contact.platformUserId).toMatch(/^PSID/);
  });

  it("is not found outside the agent's channels, in another account, or for ids that are not ids", async () => {
    const { account, conversation, channel } = await threadWith(3);
    const outsider = asSession(await createTestAgent(account.id, "AGENT"));
    const foreignManager = asSession(await createTestAgent((await createAccount()).id, "MANAGER"));
    const message = await db.message.findFirstOrThrow({ where: { conversationId: conversation.id } });
    for (const agent of [outsider, foreignManager]) {
      await expect(listConversationMessages({ agent, conversationId: conversation.id, limit: 10 })).rejects.toMatchObject({ code: "not_found" });
      await expect(getConversation({ agent, conversationId: conversation.id })).rejects.toMatchObject({ code: "not_found" });
      await expect(getConversationMessage({ agent, conversationId: conversation.id, messageId: message.id })).rejects.toMatchObject({ code: "not_found" });
    }
    const manager = asSession(await createTestAgent(account.id, "MANAGER"));
    await expect(getConversation({ agent: manager, conversationId: "not-a-uuid" })).rejects.toMatchObject({ code: "not_found" });
    await expect(listConversationMessages({ agent: manager, conversationId: conversation.id, before: "forged", limit: 5 })).rejects.toMatchObject({
      code: "invalid_request",
    });
    // A message id from another conversation is not found through this one.
    const other = await createConversation(channel);
    await expect(getConversationMessage({ agent: manager, conversationId: other.id, messageId: message.id })).rejects.toMatchObject({ code: "not_found" });
  });

  it("an empty conversation is an empty thread, not an error", async () => {
    const account = await createAccount();
    const channel = await createChannel(account.id);
    const conversation = await createConversation(channel);
    await db.message.deleteMany({ where: { conversationId: conversation.id } });
    const manager = asSession(await createTestAgent(account.id, "MANAGER"));
    expect(await listConversationMessages({ agent: manager, conversationId: conversation.id, limit: 5 })).toEqual({ messages: [], olderCursor: null });
  });
});
