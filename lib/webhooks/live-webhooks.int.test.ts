// Webhooks from the Meta simulator, end to end: customer actions on the simulator → signed POSTs → our
// receiver → the processor → conversations, messages and realtime events.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectChannelFromPageToken } from "@/lib/channels/connect-channel-from-page-token";
import { db } from "@/lib/db";
import type { JobWorker } from "@/lib/jobs/job-worker";
import { REALTIME_CHANNEL, realtimeEventsOf, type RealtimeEvent } from "@/lib/realtime/events";
import { createAccount, createTestAgent } from "@/scripts/testing/factories";
import { simChannels, startMetaTestEnv, startSyncWorker, waitUntil, type MetaTestEnv, type SimChannel } from "@/scripts/testing/meta-test-env";
import { WebhookProcessor } from "./webhook-processor";

let env: MetaTestEnv;
let worker: JobWorker;
let processor: WebhookProcessor;
let listener: pg.Client;
const events: RealtimeEvent[] = [];
let accountId: string;
let messenger: SimChannel;
let instagram: SimChannel;
const channelIdOf = new Map<string, string>();

type Action = { contactId: string; conversationId: string | null; messageId: string | null; timestamp: number };

beforeAll(async () => {
  env = await startMetaTestEnv({ dataset: "demo" });
  worker = await startSyncWorker();
  processor = new WebhookProcessor({ pollIntervalMs: 200 });
  await processor.start();
  listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await listener.connect();
  listener.on("notification", (n) => n.payload && events.push(...realtimeEventsOf(n.payload)));
  await listener.query(`LISTEN ${REALTIME_CHANNEL}`);

  const account = await createAccount();
  accountId = account.id;
  const admin = await createTestAgent(account.id, "ADMIN");
  const channels = await simChannels(env.sim);
  messenger = channels.find((c) => c.platform === "messenger" && c.id === channels.find((x) => x.platform === "instagram")!.pageId)!;
  instagram = channels.find((c) => c.platform === "instagram")!;
  await connectChannelFromPageToken({ accountId, actorId: admin.id, pageToken: env.sim.pageToken(messenger.id) });
  for (const c of await db.channel.findMany({ where: { accountId } })) channelIdOf.set(c.metaId, c.id);
  await waitUntil(async () => (await db.syncRun.count({ where: { channel: { accountId }, status: { not: "SUCCEEDED" } } })) === 0, { what: "backfill" });
}, 90_000);

afterAll(async () => {
  await listener?.end();
  await processor?.stop();
  await worker?.stop(5_000);
  await env?.close();
});

/** Waits until the simulator has delivered everything and we have processed it. */
async function settle() {
  await env.sim.control("POST", "/webhooks/drain", { timeoutMs: 10_000 });
  await expect.poll(() => db.webhookEvent.count({ where: { status: "RECEIVED" } }), { timeout: 10_000, interval: 50 }).toBe(0);
}

const customer = (path: string, body: unknown) => env.sim.control<Action>("POST", `/customer/${path}`, body);
const messageByMid = (mid: string) => db.message.findFirstOrThrow({ where: { mid }, include: { reactions: true, conversation: { include: { contact: true } } } });

describe("webhooks from the simulator", () => {
  it("a new person's message creates contact, conversation and message, opens the window, counts as unread and is published", async () => {
    events.length = 0;
    const sent = await customer("message", { channelId: messenger.id, newContact: { name: "Zoé Durand" }, text: "Bonjour, où est ma commande ? 📦" });
    await settle();
    const message = await messageByMid(sent.messageId!);
    expect(message).toMatchObject({ direction: "INBOUND", senderKind: "CONTACT", kind: "MESSAGE", text: "Bonjour, où est ma commande ? 📦" });
    expect(message.sentAt.getTime()).toBe(sent.timestamp);
    const conversation = message.conversation;
    expect(conversation).toMatchObject({ unreadCount: 1, lastInboundKind: "MESSAGE", lastMessageDirection: "INBOUND", lastMessagePreview: "Bonjour, où est ma commande ? 📦" });
    expect(conversation.lastInboundAt?.getTime()).toBe(sent.timestamp);
    expect(conversation.contact.platformUserId).toBe(sent.contactId);
    // The thread id (user_id lookup) and the profile arrive through a job.
    await expect.poll(async () => (await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).metaThreadId, { timeout: 10_000 }).toBe(sent.conversationId);
    await expect.poll(async () => (await db.contact.findUniqueOrThrow({ where: { id: conversation.contactId } })).name, { timeout: 10_000 }).toBe("Zoé Durand");
    await expect.poll(() => events.filter((e) => "conversationId" in e && e.conversationId === conversation.id).map((e) => e.type), { timeout: 3_000 }).toEqual(
      expect.arrayContaining(["message.upserted", "conversation.updated"]),
    );
    expect(events.find((e) => e.type === "message.upserted" && e.messageId === message.id)).toMatchObject({ accountId, channelId: channelIdOf.get(messenger.id) });
  });

  it("reactions, edits, reads, deliveries and Business Suite replies update the thread", async () => {
    const first = await customer("message", { channelId: messenger.id, newContact: { name: "Jonas" }, text: "Die Jacke ist zu klein" });
    await settle();
    const bs = await env.sim.control<Action>("POST", "/business/send", { channelId: messenger.id, contactId: first.contactId, text: "Kein Problem, wir tauschen sie um." });
    await settle();
    const reply = await messageByMid(bs.messageId!);
    expect(reply).toMatchObject({ direction: "OUTBOUND", senderKind: "OTHER_APP", appId: "263902037430900" });
    // Our app's own send without our metadata (e.g. automation): OUR_APP.
    const sent = await fetch(`${env.sim.url}/v24.0/${messenger.id}/messages?access_token=${env.sim.pageToken(messenger.id)}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ recipient: { id: first.contactId }, messaging_type: "RESPONSE", message: { text: "Automatic confirmation" } }),
    }).then((r) => r.json() as Promise<{ message_id: string }>);
    await settle();
    expect(await messageByMid(sent.message_id)).toMatchObject({ senderKind: "OUR_APP", appId: expect.any(String) });

    const react = await customer("reaction", { channelId: messenger.id, contactId: first.contactId, mid: bs.messageId, emoji: "😆" });
    const edit = await customer("edit", { channelId: messenger.id, contactId: first.contactId, mid: first.messageId, text: "Die Jacke ist zu groß" });
    const read = await customer("read", { channelId: messenger.id, contactId: first.contactId });
    await settle();
    const edited = await messageByMid(first.messageId!);
    expect(edited).toMatchObject({ text: "Die Jacke ist zu groß", editCount: 1 });
    expect(edited.editedAt?.getTime()).toBe(edit.timestamp);
    const reacted = await messageByMid(bs.messageId!);
    expect(reacted.reactions).toEqual([expect.objectContaining({ actor: "CONTACT", emoji: "😆", reaction: "smile" })]);
    const conversation = reacted.conversation;
    expect(conversation.lastInboundKind).toBe("REACTION");
    expect(conversation.lastInboundAt?.getTime()).toBe(react.timestamp);
    expect(conversation.contactReadUpTo?.getTime()).toBe(read.timestamp);
    expect(conversation.contactDeliveredUpTo!.getTime()).toBeGreaterThanOrEqual(sent ? reply.sentAt.getTime() : 0);
    // Unreact: a tombstone, and no window opening.
    await customer("reaction", { channelId: messenger.id, contactId: first.contactId, mid: bs.messageId, action: "unreact" });
    await settle();
    const unreacted = await messageByMid(bs.messageId!);
    expect(unreacted.reactions).toEqual([expect.objectContaining({ actor: "CONTACT", emoji: null })]);
    expect(unreacted.conversation.lastInboundAt?.getTime()).toBe(react.timestamp);
  });

  it("Instagram: messages, unsend and seen", async () => {
    const sent = await customer("message", { channelId: instagram.id, newContact: { username: "lea.martin" }, text: "hello from IG" });
    await settle();
    const message = await messageByMid(sent.messageId!);
    expect(message.channelId).toBe(channelIdOf.get(instagram.id));
    const later = await customer("message", { channelId: instagram.id, contactId: sent.contactId, text: "oops wrong chat" });
    await settle();
    await customer("unsend", { channelId: instagram.id, contactId: sent.contactId, mid: later.messageId });
    await settle();
    const unsent = await messageByMid(later.messageId!);
    expect(unsent.deletedAt).not.toBeNull();
    // The preview falls back to the message before the unsent one.
    expect(unsent.conversation.lastMessagePreview).toBe("hello from IG");
    const bs = await env.sim.control<Action>("POST", "/business/send", { channelId: instagram.id, contactId: sent.contactId, text: "Hi Léa!" });
    await settle();
    await customer("read", { channelId: instagram.id, contactId: sent.contactId });
    await settle();
    const reply = await messageByMid(bs.messageId!);
    expect(reply.conversation.contactReadUpTo?.getTime()).toBe(reply.sentAt.getTime());
  });

  it("postbacks and ad referrals are window openers of their own kind; a resolved or snoozed thread reopens", async () => {
    const postback = await customer("postback", { channelId: messenger.id, newContact: { name: "Ana" }, title: "Track my order", payload: "TRACK_ORDER" });
    await settle();
    const row = await messageByMid(postback.messageId!);
    expect(row).toMatchObject({ kind: "POSTBACK", text: "Track my order", payload: { title: "Track my order", payload: "TRACK_ORDER" } });
    expect(row.conversation.lastInboundKind).toBe("POSTBACK");

    await db.conversation.update({ where: { id: row.conversationId }, data: { status: "RESOLVED", resolvedAt: new Date() } });
    const referral = await customer("referral", { channelId: messenger.id, contactId: postback.contactId, source: "ADS", adId: "6045246247433", ref: "spring" });
    await settle();
    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: row.conversationId } });
    expect(conversation).toMatchObject({ status: "OPEN", lastInboundKind: "AD_REFERRAL", resolvedAt: null });
    expect(conversation.adReferralAt?.getTime()).toBe(referral.timestamp);
    const referralRows = await db.message.findMany({ where: { conversationId: row.conversationId, kind: "REFERRAL" } });
    expect(referralRows).toHaveLength(1);
    expect(referralRows[0]!.payload).toMatchObject({ source: "ADS", ad_id: "6045246247433", ref: "spring" });

    await db.conversation.update({ where: { id: row.conversationId }, data: { status: "SNOOZED", snoozedUntil: new Date(Date.now() + 3_600_000) } });
    await customer("message", { channelId: messenger.id, contactId: postback.contactId, text: "Any news?" });
    await settle();
    expect(await db.conversation.findUniqueOrThrow({ where: { id: row.conversationId } })).toMatchObject({ status: "OPEN", snoozedUntil: null });
    expect(await db.auditEvent.count({ where: { conversationId: row.conversationId, type: "conversation.status_changed" } })).toBe(2);
  });

  it("duplicated and re-delivered webhooks change nothing", async () => {
    await env.sim.control("POST", "/faults", { webhooks: { duplicate: 1 } });
    const sent = await customer("message", { channelId: messenger.id, newContact: { name: "Dup" }, text: "twice?" });
    await settle();
    await env.sim.control("DELETE", "/faults");
    const log = await env.sim.control<{ data: { duplicate: boolean; outcome: string }[] }>("GET", "/webhooks/log?limit=50");
    expect(log.data.some((d) => d.duplicate && d.outcome === "delivered")).toBe(true);
    expect(await db.message.count({ where: { mid: sent.messageId! } })).toBe(1);
    const conversation = (await messageByMid(sent.messageId!)).conversation;
    expect(conversation.unreadCount).toBe(1);
  });
});
