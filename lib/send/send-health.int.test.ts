// What Meta's refusals of sends do to a channel's health, against the simulator: a restriction by Meta
// (10/1893063) marks the channel "restricted by Meta" and notifies its admins — the words the agent reads say
// so, and this proves it — a later send that goes through lifts it; a refused token (190) notifies admins
// that the channel needs reconnecting. Also the health read itself (debug_token, subscribed_apps, failures by
// code) and the admins' notification list, read and unread.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getChannelHealth } from "@/lib/health/channel-health";
import { listAdminNotifications, markAdminNotificationsRead } from "@/lib/notifications/admin-notifications";
import { asSession, createTestAgent } from "@/scripts/testing/factories";
import { startSendHarness, type SendHarness } from "@/scripts/testing/send-harness";
import type { SessionAgent } from "@/lib/auth/session";
import { sendAgentMessage } from "./send-agent-message";
import { configureSending } from "./send-settings";

let h: SendHarness;
let admin: SessionAgent;
let otherAdmin: SessionAgent;
let restore: () => void;

beforeAll(async () => {
  h = await startSendHarness();
  restore = configureSending({ graphSendTimeoutMs: 2_000, echoWaitMs: 1_000, retryBaseDelayMs: 100, retryMaxDelayMs: 200 });
  admin = asSession(await createTestAgent(h.accountId, "ADMIN"));
  otherAdmin = asSession(await createTestAgent(h.accountId, "ADMIN"));
  // Deactivated admins are not notified.
  await createTestAgent(h.accountId, "ADMIN", { active: false });
}, 60_000);
afterAll(async () => {
  restore?.();
  await h?.close();
});
beforeEach(async () => {
  await h.sim.control("DELETE", "/faults");
  await db.adminNotification.deleteMany({});
});

const send = async (conversationId: string, text: string) =>
  sendAgentMessage({ agent: h.agent, conversationId, idempotencyKey: crypto.randomUUID(), input: { text } });
const restrictOnce = () =>
  h.sim.control("POST", "/faults/scripted", { endpoint: "send", effect: "error", error: { code: 10, subcode: 1893063, message: "(#10) This Page is restricted from messaging." } });

describe("a restriction by Meta", () => {
  it("marks the channel restricted, notifies every active admin once, and a later send lifts it", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    await restrictOnce();
    const refused = await send(conversation.id, "Your parcel left the warehouse.");
    expect(refused.message.sendStatus).toBe("FAILED");
    expect(refused.message.error?.message).toMatch(/admins have been notified/);

    const channel = await db.channel.findUniqueOrThrow({ where: { id: h.messenger.id } });
    expect(channel.restrictedAt).not.toBeNull();
    expect(channel.restrictionError).toContain("restricted");
    const notices = await db.adminNotification.findMany({ where: { channelId: h.messenger.id } });
    expect(notices.map((n) => n.agentId).sort()).toEqual([admin.id, otherAdmin.id].sort());
    expect(notices.every((n) => n.kind === "channel.restricted" && n.readAt === null && /restricted by Meta/.test(n.title) && n.body.includes("10/1893063"))).toBe(true);
    expect(await db.auditEvent.count({ where: { accountId: h.accountId, type: "channel.restricted" } })).toBe(1);
    const audited = await db.auditEvent.findFirstOrThrow({ where: { accountId: h.accountId, type: "admin.notified" }, orderBy: { createdAt: "desc" } });
    expect(audited.data).toMatchObject({ kind: "channel.restricted", channelId: h.messenger.id, created: 2, repeated: 0 });

    // A second refusal while restricted adds no notice: the channel already says so.
    await restrictOnce();
    expect((await send(conversation.id, "Still there?")).message.sendStatus).toBe("FAILED");
    expect(await db.adminNotification.count({ where: { channelId: h.messenger.id } })).toBe(2);

    // Health: the failures by code of the last 24 h, and the restriction.
    const health = await getChannelHealth(h.accountId, h.messenger.id);
    expect(health.attention).toContain("restricted");
    expect(health.sendFailures.groups).toEqual([{ code: 10, subcode: 1893063, calls: 2, final: 2, key: "page_restricted" }]);

    // Meta lifted it: the next send goes through and clears the mark.
    const sent = await send(conversation.id, "Your parcel arrives tomorrow.");
    expect(sent.message.sendStatus).toBe("SENT");
    expect((await db.channel.findUniqueOrThrow({ where: { id: h.messenger.id } })).restrictedAt).toBeNull();
    expect(await db.auditEvent.count({ where: { accountId: h.accountId, type: "channel.restriction_lifted" } })).toBe(1);
  });

  it("a refused token notifies admins that the channel needs reconnecting", async () => {
    const conversation = await h.conversation(h.noHumanAgent, { hours: 1 });
    await h.sim.control("POST", "/faults/scripted", { endpoint: "send", effect: "error", error: { code: 190, subcode: 460, message: "Error validating access token" } });
    expect((await send(conversation.id, "Hello")).message.sendStatus).toBe("FAILED");
    const notice = await db.adminNotification.findFirstOrThrow({ where: { agentId: admin.id, channelId: h.noHumanAgent.id } });
    expect(notice).toMatchObject({ kind: "channel.needs_reconnect", occurrences: 1 });
    expect(notice.body).toContain("190/460");
    await h.reconnect(h.noHumanAgent);
  });
});

describe("tagged messages found bothersome", () => {
  it("notify the admins, as the agent's text says, without restricting the channel", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 30 });
    await h.sim.control("POST", "/faults/scripted", { endpoint: "send", effect: "error", error: { code: 613, subcode: 2018338, message: "(#613) Tagged messages were reported as bothersome." } });
    const refused = await send(conversation.id, "Following up on your return.");
    expect(refused.message).toMatchObject({ sendStatus: "FAILED", tag: "HUMAN_AGENT" });
    expect(refused.message.error?.message).toMatch(/admins have been notified/);
    const notice = await db.adminNotification.findFirstOrThrow({ where: { agentId: admin.id, kind: "send.tag_bothersome" } });
    expect(notice).toMatchObject({ channelId: h.messenger.id });
    expect(notice.data).toMatchObject({ code: 613, subcode: 2018338, messageId: refused.message.id, conversationId: conversation.id });
    expect((await db.channel.findUniqueOrThrow({ where: { id: h.messenger.id } })).restrictedAt).toBeNull();
  });
});

describe("the admins' notifications", () => {
  it("are listed per admin with the unread count and the channels needing attention; marking read is per admin", async () => {
    const conversation = await h.conversation(h.instagram, { hours: 1 });
    await db.channel.update({ where: { id: h.instagram.id }, data: { restrictedAt: null } });
    await h.sim.control("POST", "/faults/scripted", { endpoint: "send", effect: "error", error: { code: 368, message: "(#368) Temporarily blocked for policies violations" } });
    expect((await send(conversation.id, "Hi")).message.sendStatus).toBe("FAILED");

    const list = await listAdminNotifications(admin);
    expect(list.unreadCount).toBe(1);
    expect(list.notifications[0]).toMatchObject({ kind: "channel.restricted", channelId: h.instagram.id, readAt: null });
    expect(list.attention.channels.find((c) => c.id === h.instagram.id)?.problems).toContain("restricted");
    expect(list.attention.summary).toMatch(/channels? needs? attention/);

    // Another admin's id changes nothing of theirs; their own does.
    const theirs = (await listAdminNotifications(otherAdmin)).notifications[0]!;
    expect(await markAdminNotificationsRead(admin, { ids: [theirs.id] })).toBe(0);
    expect((await listAdminNotifications(otherAdmin)).unreadCount).toBe(1);
    expect(await markAdminNotificationsRead(admin, { all: true })).toBe(1);
    expect((await listAdminNotifications(admin)).unreadCount).toBe(0);
    expect((await listAdminNotifications(otherAdmin)).unreadCount).toBe(1);
    expect(await db.auditEvent.count({ where: { accountId: h.accountId, type: "admin.notifications_read", actorId: admin.id } })).toBe(1);
  });
});

describe("the health read", () => {
  it("asks Meta for the token's kind, expiry and permissions, and for the Page's webhook fields", async () => {
    const health = await getChannelHealth(h.accountId, h.messenger.id);
    expect(health.token).toMatchObject({ ok: true, value: { kind: "PAGE", valid: true, expiresAt: null, warning: null } });
    expect(health.permissions).toMatchObject({ ok: true, value: { missing: [] } });
    // The harness subscribed the Page to two fields only: the rest are missing.
    expect(health.webhookFields).toMatchObject({ ok: true, value: { subscribed: ["messages", "message_echoes"] } });
    expect(health.webhookFields.ok && health.webhookFields.value.missing).toContain("message_reads");
    expect(JSON.stringify(health)).not.toContain((await h.sim.control<{ data: { id: string; accessToken: string }[] }>("GET", "/channels")).data[0]!.accessToken);
  });

  it("a token Meta no longer accepts shows as not valid and marks the channel", async () => {
    await h.sim.control("POST", `/channels/${h.noHumanAgent.metaId}/invalidate-token`, {});
    const health = await getChannelHealth(h.accountId, h.noHumanAgent.id);
    expect(health.webhookFields.ok).toBe(false);
    expect((await db.channel.findUniqueOrThrow({ where: { id: h.noHumanAgent.id } })).tokenStatus).toBe("NEEDS_RECONNECT");
    await h.reconnect(h.noHumanAgent);
  });

  it("another account's channel is not found", async () => {
    const other = await db.account.create({ data: { name: "Other" } });
    await expect(getChannelHealth(other.id, h.messenger.id)).rejects.toMatchObject({ status: 404 });
  });
});
