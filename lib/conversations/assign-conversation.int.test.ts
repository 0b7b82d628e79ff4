import pg from "pg";
import { describe, expect, it } from "vitest";
import { assignConversation } from "@/lib/conversations/assign-conversation";
import { db } from "@/lib/db";
import { REALTIME_CHANNEL } from "@/lib/realtime/events";
import { asSession, createAccount, createChannel, createConversation, createTestAgent } from "@/scripts/testing/factories";

async function listen() {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const received: unknown[] = [];
  client.on("notification", (n) => received.push(JSON.parse(n.payload!)));
  await client.query(`LISTEN ${REALTIME_CHANNEL}`);
  return { received, close: () => client.end() };
}

describe("assignConversation", () => {
  it("assigns, records who did it, and publishes one event after commit", async () => {
    const account = await createAccount();
    const channel = await createChannel(account.id);
    const conversation = await createConversation(channel);
    const manager = await createTestAgent(account.id, "MANAGER");
    const agent = await createTestAgent(account.id, "AGENT");
    await db.pageMembership.create({ data: { agentId: agent.id, channelId: channel.id } });
    const listener = await listen();
    try {
      await assignConversation({ actor: asSession(manager), conversationId: conversation.id, assigneeId: agent.id });
      await expect.poll(() => listener.received.length).toBe(1);
      expect(listener.received[0]).toEqual({ type: "conversation.updated", accountId: account.id, channelId: channel.id, conversationId: conversation.id });
    } finally {
      await listener.close();
    }
    expect((await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).assigneeId).toBe(agent.id);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { conversationId: conversation.id, type: "conversation.assigned" } });
    expect(audit).toMatchObject({ actorId: manager.id, data: { from: null, to: agent.id } });
  });

  it("refuses an assignee who does not work the channel, or is inactive, changing nothing", async () => {
    const account = await createAccount();
    const channel = await createChannel(account.id);
    const conversation = await createConversation(channel);
    const manager = asSession(await createTestAgent(account.id, "MANAGER"));
    const outsider = await createTestAgent(account.id, "AGENT");
    const inactive = await createTestAgent(account.id, "MANAGER", { active: false });
    await expect(assignConversation({ actor: manager, conversationId: conversation.id, assigneeId: outsider.id })).rejects.toMatchObject({ code: "invalid_request" });
    await expect(assignConversation({ actor: manager, conversationId: conversation.id, assigneeId: inactive.id })).rejects.toMatchObject({ code: "invalid_request" });
    expect((await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).assigneeId).toBeNull();
    expect(await db.auditEvent.count({ where: { conversationId: conversation.id } })).toBe(0);
  });

  it("an agent cannot touch a conversation outside their channels", async () => {
    const account = await createAccount();
    const channel = await createChannel(account.id);
    const conversation = await createConversation(channel);
    const agent = await createTestAgent(account.id, "AGENT");
    await expect(assignConversation({ actor: asSession(agent), conversationId: conversation.id, assigneeId: agent.id })).rejects.toMatchObject({ code: "not_found" });
  });
});
