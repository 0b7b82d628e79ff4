// Resolve, reopen, snooze, wake, mark read/unread, assignable agents: each change audited and published
// once, after commit; refused input changes nothing.
import { describe, expect, it } from "vitest";
import { changeConversationStatus } from "@/lib/conversations/change-conversation-status";
import { listAssignableAgents } from "@/lib/conversations/list-assignable-agents";
import { markConversationRead } from "@/lib/conversations/mark-conversation-read";
import { markConversationUnread } from "@/lib/conversations/mark-conversation-unread";
import { wakeSnoozedConversations } from "@/lib/conversations/wake-snoozed-conversations";
import { db } from "@/lib/db";
import { asSession, createAccount, createChannel, createConversation, createTestAgent, createWorkedConversation } from "@/scripts/testing/factories";
import { listenRealtime } from "./listen-realtime.test-support";

const HOUR = 3_600_000;

async function setup() {
  const worked = await createWorkedConversation();
  const { account, channel, conversation } = worked;
  const event = { type: "conversation.updated", accountId: account.id, channelId: channel.id, conversationId: conversation.id };
  return { ...worked, event };
}

const stateOf = (id: string) =>
  db.conversation.findUniqueOrThrow({ where: { id }, select: { status: true, snoozedUntil: true, resolvedAt: true, unreadCount: true } });
const auditOf = (conversationId: string) =>
  db.auditEvent.findMany({ where: { conversationId }, orderBy: { createdAt: "asc" }, select: { type: true, actorId: true, data: true } });

describe("changeConversationStatus", () => {
  it("resolves, snoozes and reopens; each change audited with from/to and published once", async () => {
    const { conversation, agent, event } = await setup();
    const listener = await listenRealtime();
    const now = new Date();
    const until = new Date(now.getTime() + 3 * HOUR);
    try {
      await changeConversationStatus({ actor: agent, conversationId: conversation.id, change: { status: "RESOLVED" }, now });
      expect(await stateOf(conversation.id)).toMatchObject({ status: "RESOLVED", resolvedAt: now, snoozedUntil: null });
      await changeConversationStatus({ actor: agent, conversationId: conversation.id, change: { status: "SNOOZED", snoozedUntil: until }, now });
      expect(await stateOf(conversation.id)).toMatchObject({ status: "SNOOZED", resolvedAt: null, snoozedUntil: until });
      await changeConversationStatus({ actor: agent, conversationId: conversation.id, change: { status: "OPEN" }, now });
      expect(await stateOf(conversation.id)).toMatchObject({ status: "OPEN", resolvedAt: null, snoozedUntil: null });
      await listener.settle();
      expect(listener.received).toEqual([event, event, event]);
    } finally {
      await listener.close();
    }
    expect(await auditOf(conversation.id)).toEqual([
      { type: "conversation.status_changed", actorId: agent.id, data: { from: "OPEN", to: "RESOLVED", snoozedUntil: null } },
      { type: "conversation.status_changed", actorId: agent.id, data: { from: "RESOLVED", to: "SNOOZED", snoozedUntil: until.toISOString() } },
      { type: "conversation.status_changed", actorId: agent.id, data: { from: "SNOOZED", to: "OPEN", snoozedUntil: null } },
    ]);
  });

  it("a change to the state it already has is a no-op: no audit, no event", async () => {
    const { conversation, agent } = await setup();
    const listener = await listenRealtime();
    try {
      await changeConversationStatus({ actor: agent, conversationId: conversation.id, change: { status: "OPEN" } });
      await listener.settle();
      expect(listener.received).toEqual([]);
    } finally {
      await listener.close();
    }
    expect(await auditOf(conversation.id)).toEqual([]);
  });

  it("refuses a snooze in the past or more than a year ahead, and conversations outside the actor's channels, changing nothing", async () => {
    const { account, conversation, agent } = await setup();
    const now = new Date();
    await expect(
      changeConversationStatus({ actor: agent, conversationId: conversation.id, change: { status: "SNOOZED", snoozedUntil: new Date(now.getTime() - 1000) }, now }),
    ).rejects.toMatchObject({ code: "invalid_request", details: { field: "snoozedUntil" } });
    await expect(
      changeConversationStatus({
        actor: agent,
        conversationId: conversation.id,
        change: { status: "SNOOZED", snoozedUntil: new Date(now.getTime() + 400 * 24 * HOUR) },
        now,
      }),
    ).rejects.toMatchObject({ code: "invalid_request" });
    const outsider = asSession(await createTestAgent(account.id, "AGENT"));
    await expect(changeConversationStatus({ actor: outsider, conversationId: conversation.id, change: { status: "RESOLVED" } })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await stateOf(conversation.id)).toMatchObject({ status: "OPEN", snoozedUntil: null });
    expect(await auditOf(conversation.id)).toEqual([]);
  });
});

describe("wakeSnoozedConversations", () => {
  it("reopens snoozes that are due, audited without an actor and published; later snoozes stay", async () => {
    const { channel, conversation, agent, event } = await setup();
    const later = await createConversation(channel);
    const now = new Date();
    await changeConversationStatus({ actor: agent, conversationId: conversation.id, change: { status: "SNOOZED", snoozedUntil: new Date(now.getTime() + HOUR) }, now });
    await changeConversationStatus({ actor: agent, conversationId: later.id, change: { status: "SNOOZED", snoozedUntil: new Date(now.getTime() + 5 * HOUR) }, now });
    const listener = await listenRealtime();
    try {
      expect(await wakeSnoozedConversations({ now: new Date(now.getTime() + 2 * HOUR), accountId: agent.accountId })).toBe(1);
      await listener.settle();
      expect(listener.received).toEqual([event]);
    } finally {
      await listener.close();
    }
    expect(await stateOf(conversation.id)).toMatchObject({ status: "OPEN", snoozedUntil: null });
    expect((await stateOf(later.id)).status).toBe("SNOOZED");
    expect((await auditOf(conversation.id)).at(-1)).toEqual({
      type: "conversation.status_changed",
      actorId: null,
      data: { from: "SNOOZED", to: "OPEN", snoozedUntil: null },
    });
    // Nothing left to wake: nothing happens.
    expect(await wakeSnoozedConversations({ now: new Date(now.getTime() + 2 * HOUR), accountId: agent.accountId })).toBe(0);
  });
});

describe("markConversationRead / markConversationUnread", () => {
  it("reading resets the unread count for everyone and is published; unread sets 1 and is audited", async () => {
    const { conversation, agent, event } = await setup();
    const listener = await listenRealtime();
    try {
      expect(await markConversationRead({ agent, conversationId: conversation.id })).toEqual({ unreadCount: 0 });
      expect((await stateOf(conversation.id)).unreadCount).toBe(0);
      // Reading a read conversation changes nothing and publishes nothing.
      await markConversationRead({ agent, conversationId: conversation.id });
      expect(await markConversationUnread({ agent, conversationId: conversation.id })).toEqual({ unreadCount: 1 });
      expect((await stateOf(conversation.id)).unreadCount).toBe(1);
      await listener.settle();
      expect(listener.received).toEqual([event, event]);
    } finally {
      await listener.close();
    }
    expect(await auditOf(conversation.id)).toEqual([{ type: "conversation.marked_unread", actorId: agent.id, data: { unreadCount: 1 } }]);
  });

  it("marking unread keeps a higher count of the person's messages", async () => {
    const { conversation, agent } = await setup();
    await db.conversation.update({ where: { id: conversation.id }, data: { unreadCount: 4 } });
    expect(await markConversationUnread({ agent, conversationId: conversation.id })).toEqual({ unreadCount: 4 });
    expect(await auditOf(conversation.id)).toEqual([]);
  });

  it("is not found outside the agent's channels", async () => {
    const { account, conversation } = await setup();
    const outsider = asSession(await createTestAgent(account.id, "AGENT"));
    await expect(markConversationRead({ agent: outsider, conversationId: conversation.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(markConversationUnread({ agent: outsider, conversationId: conversation.id })).rejects.toMatchObject({ code: "not_found" });
    expect((await stateOf(conversation.id)).unreadCount).toBe(1);
  });
});

describe("listAssignableAgents", () => {
  it("lists active managers and admins and the agents who work the channel", async () => {
    const { account, conversation, agent } = await setup();
    const manager = await createTestAgent(account.id, "MANAGER");
    const admin = await createTestAgent(account.id, "ADMIN");
    await createTestAgent(account.id, "MANAGER", { active: false });
    const otherChannelAgent = await createTestAgent(account.id, "AGENT");
    await db.pageMembership.create({ data: { agentId: otherChannelAgent.id, channelId: (await createChannel(account.id)).id } });
    await createTestAgent((await createAccount()).id, "ADMIN");
    const list = await listAssignableAgents({ agent, conversationId: conversation.id });
    expect(list.map((a) => a.id).sort()).toEqual([agent.id, manager.id, admin.id].sort());
  });
});
