// Instagram API with Instagram Login against the Meta simulator: an admin connects an Instagram account that
// has no Facebook Page through Instagram's window; the backfill equals what graph.instagram.com shows; webhooks,
// reconciliation and sends in every window stage work on the Instagram host; the long-lived token is renewed
// (on schedule and on demand) and a failing renewal asks for a reconnect days before the access ends; an account
// connected both ways is one channel whose history stays.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptToken } from "@/lib/crypto/token-cipher";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { JobWorker } from "@/lib/jobs/job-worker";
import { sendAgentMessage } from "@/lib/send/send-agent-message";
import { requestReconcile } from "@/lib/sync/schedule-reconcile";
import { WebhookProcessor } from "@/lib/webhooks/webhook-processor";
import { asSession, createAccount, createTestAgent } from "@/scripts/testing/factories";
import { simChannels, simConversations, startMetaTestEnv, startSyncWorker, waitUntil, type MetaTestEnv } from "@/scripts/testing/meta-test-env";
import { connectChannelFromPageToken } from "./connect-channel-from-page-token";
import { finishInstagramOAuth, startInstagramOAuth } from "./instagram-oauth";
import { listAdminChannels } from "./list-admin-channels";
import { refreshDueInstagramTokens, refreshInstagramToken } from "./refresh-instagram-token";

const DAY = 86_400_000;
let env: MetaTestEnv;
let worker: JobWorker;
let processor: WebhookProcessor;
let igLoginId: string;

beforeAll(async () => {
  env = await startMetaTestEnv({ dataset: "demo" });
  worker = await startSyncWorker();
  processor = new WebhookProcessor({ pollIntervalMs: 100 });
  await processor.start();
  igLoginId = (await env.sim.control<{ id: string }>("POST", "/instagram-login-accounts", { username: "atelier.nord", name: "Atelier Nord", withConversations: true })).id;
}, 60_000);

afterAll(async () => {
  await processor?.stop();
  await worker?.stop(5_000);
  await env?.close();
});

type Admin = Awaited<ReturnType<typeof createTestAgent>>;

/** The admin's browser: our start URL → Instagram's window (choose the account, Allow) → our callback. */
async function connectWithInstagram(admin: Admin, igAccountId: string) {
  const { url, nonce } = startInstagramOAuth(admin.id);
  const start = new URL(url);
  expect(`${start.origin}${start.pathname}`).toBe(`${env.sim.url}/ig-www/oauth/authorize`);
  expect(start.searchParams.get("scope")).toBe("instagram_business_basic,instagram_business_manage_messages,instagram_business_manage_comments");
  const form = new URLSearchParams(start.searchParams);
  form.set("account", igAccountId);
  form.set("action", "allow");
  const res = await fetch(`${env.sim.url}/ig-www/oauth/authorize/confirm`, { method: "POST", body: form, redirect: "manual" });
  const back = new URL(res.headers.get("location")!);
  return finishInstagramOAuth({ admin: asSession(admin), query: back.searchParams, nonce });
}

async function waitForSync(channelId: string) {
  await waitUntil(async () => (await db.syncRun.count({ where: { channelId, status: { in: ["QUEUED", "RUNNING"] } } })) === 0 && (await db.syncRun.count({ where: { channelId } })) > 0, {
    what: "sync",
    timeoutMs: 60_000,
  });
}

async function settleWebhooks() {
  await env.sim.control("POST", "/webhooks/drain", { timeoutMs: 10_000 });
  await expect.poll(() => db.webhookEvent.count({ where: { status: "RECEIVED" } }), { timeout: 10_000, interval: 50 }).toBe(0);
}

/** Threads graph.instagram.com lists: not the unanswered ones idle for 30 days (Instagram's Requests folder). */
async function listedTruth(igAccountId: string) {
  const now = (await env.sim.control<{ nowMs: number }>("GET", "/clock")).nowMs;
  return (await simConversations(env.sim, igAccountId)).filter((t) => t.messages.some((m) => m.direction === "outbound") || now - t.updatedTimeMs < 30 * DAY);
}

const send = (admin: Admin, conversationId: string, text: string) => sendAgentMessage({ agent: asSession(admin), conversationId, idempotencyKey: randomUUID(), input: { text } });

describe("an Instagram account without a Page, connected with Instagram Login", () => {
  let account: { id: string };
  let admin: Admin;
  let channelId: string;

  it("connects as one INSTAGRAM channel (connection INSTAGRAM_LOGIN, 60-day token encrypted) and the backfill equals graph.instagram.com", async () => {
    account = await createAccount();
    admin = await createTestAgent(account.id, "ADMIN");
    const connected = await connectWithInstagram(admin, igLoginId);
    expect(connected).toMatchObject({ platform: "INSTAGRAM", metaId: igLoginId, created: true });
    channelId = connected.id;
    const row = await db.channel.findUniqueOrThrow({ where: { id: channelId }, select: { connection: true, pageMetaId: true, accessTokenEncrypted: true, tokenExpiresAt: true, tokenRefreshAt: true, webhookStatus: true, username: true } });
    expect(row).toMatchObject({ connection: "INSTAGRAM_LOGIN", pageMetaId: igLoginId, webhookStatus: "SUBSCRIBED", username: "atelier.nord" });
    expect(row.accessTokenEncrypted).not.toMatch(/IGAA/);
    const token = decryptToken(row.accessTokenEncrypted!, process.env.TOKEN_ENCRYPTION_KEY!, `channel:${channelId}`);
    expect(env.sim.sim.world.tokens.get(token)).toMatchObject({ kind: "instagram", longLived: true, igAccountId: igLoginId });
    expect(row.tokenExpiresAt!.getTime() - Date.now()).toBeGreaterThan(59 * DAY);
    expect(row.tokenRefreshAt!.getTime() - Date.now()).toBeGreaterThan(9 * DAY);
    expect(env.sim.sim.world.igAccounts.get(igLoginId)!.subscribedFields).toEqual(expect.arrayContaining(["messages", "messaging_seen"]));

    await waitForSync(channelId);
    const truth = await listedTruth(igLoginId);
    const all = await simConversations(env.sim, igLoginId);
    expect(truth.length).toBeLessThan(all.length); // the Requests-folder thread is not listed, so not imported
    const conversations = await db.conversation.findMany({ where: { channelId }, include: { contact: true, messages: true } });
    expect(conversations.map((c) => c.metaThreadId).sort()).toEqual(truth.map((t) => t.id).sort());
    for (const t of truth) {
      const c = conversations.find((x) => x.metaThreadId === t.id)!;
      expect(c.contact.platformUserId).toBe(t.contact.id);
      expect(c.contact.username).toBe(t.contact.username);
      expect(c.messages.map((m) => m.mid).sort()).toEqual(t.messages.filter((m) => m.detailed).map((m) => m.id).sort());
      expect(c.lastInboundAt?.getTime()).toBe(Math.floor(t.lastOpenerAtMs! / 1000) * 1000);
    }
    // Every Graph call of the backfill went to graph.instagram.com (a Page-token path would have been refused).
    const channels = await listAdminChannels(account.id);
    expect(channels.find((c) => c.id === channelId)).toMatchObject({ connection: "INSTAGRAM_LOGIN", tokenStatus: "VALID", needsReconnect: false, tokenExpiresAt: row.tokenExpiresAt!.toISOString() });
  }, 90_000);

  it("webhooks of the Instagram app: a customer's message, the business's reply as an echo, and the person's seen", async () => {
    const conversation = await db.conversation.findFirstOrThrow({ where: { channelId }, orderBy: { lastMessageAt: "desc" }, include: { contact: true } });
    const said = await env.sim.control<{ messageId: string }>("POST", "/customer/message", { channelId: igLoginId, contactId: conversation.contact.platformUserId, text: "Is the linen shirt back in stock?" });
    await settleWebhooks();
    const inbound = await db.message.findFirstOrThrow({ where: { channelId, mid: said.messageId } });
    expect(inbound).toMatchObject({ direction: "INBOUND", text: "Is the linen shirt back in stock?", conversationId: conversation.id });
    const other = await env.sim.control<{ messageId: string }>("POST", "/business/send", { channelId: igLoginId, contactId: conversation.contact.platformUserId, text: "Yes, since Monday." });
    await env.sim.control("POST", "/customer/read", { channelId: igLoginId, contactId: conversation.contact.platformUserId });
    await settleWebhooks();
    expect(await db.message.findFirstOrThrow({ where: { channelId, mid: other.messageId } })).toMatchObject({ direction: "OUTBOUND", senderKind: "OTHER_APP" });
    const after = await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(after.contactReadUpTo).not.toBeNull();
  }, 30_000);

  it("a new person is named through graph.instagram.com, one profile read each (batch requests are unverified there)", async () => {
    const { data: before } = await env.sim.control<{ data: { id: number }[] }>("GET", "/requests?limit=1");
    const made = await env.sim.control<{ contactId: string }>("POST", "/customer/message", { channelId: igLoginId, newContact: { name: "Noor Haddad", username: "noor.h" }, text: "Hi! Do you ship to Oslo?" });
    await settleWebhooks();
    await waitUntil(async () => (await db.contact.findFirst({ where: { channelId, platformUserId: made.contactId } }))?.name === "Noor Haddad", { what: "the new person's name" });
    expect(await db.contact.findFirstOrThrow({ where: { channelId, platformUserId: made.contactId } })).toMatchObject({ username: "noor.h" });
    const { data: calls } = await env.sim.control<{ data: { path: string; method: string; via: string; host: string }[] }>("GET", `/requests?since=${before[0]?.id ?? 0}&limit=1000`);
    const reads = calls.filter((c) => c.path.endsWith(`/${made.contactId}`));
    expect(reads.map((c) => [c.method, c.via, c.host])).toEqual([["GET", "http", "graph.instagram.com"]]);
  }, 30_000);

  it("reconciliation through graph.instagram.com repairs a webhook Meta never delivered", async () => {
    const conversation = await db.conversation.findFirstOrThrow({ where: { channelId }, orderBy: { lastMessageAt: "desc" }, include: { contact: true } });
    await env.sim.control("POST", "/faults", { webhooks: { drop: 1 } });
    const lost = await env.sim.control<{ messageId: string }>("POST", "/customer/message", { channelId: igLoginId, contactId: conversation.contact.platformUserId, text: "Hello? (lost webhook)" });
    await env.sim.control("POST", "/webhooks/drain", { timeoutMs: 5_000 });
    await env.sim.control("DELETE", "/faults");
    expect(await db.message.count({ where: { channelId, mid: lost.messageId } })).toBe(0);
    await requestReconcile(channelId, { full: true });
    await waitUntil(async () => (await db.message.count({ where: { channelId, mid: lost.messageId } })) === 1, { what: "reconciled message", timeoutMs: 30_000 });
  }, 45_000);

  it("sends in each window stage through POST /me/messages on graph.instagram.com: RESPONSE, HUMAN_AGENT, blocked", async () => {
    await db.channel.update({ where: { id: channelId }, data: { humanAgentEnabled: true } });
    const now = Date.now();
    const byAge = async (min: number, max: number) =>
      db.conversation.findFirstOrThrow({ where: { channelId, lastInboundAt: { gt: new Date(now - max), lt: new Date(now - min) } }, orderBy: { lastInboundAt: "desc" } });
    const fresh = await byAge(0, 23 * 3_600_000);
    const middle = await byAge(2 * DAY, 6 * DAY);
    const closed = await byAge(8 * DAY, 30 * DAY);
    const before = (await env.sim.control<{ data: unknown[] }>("GET", "/send-log?limit=100000")).data.length;

    const response = await send(admin, fresh.id, "Thanks — we are on it.");
    expect(response.message).toMatchObject({ sendStatus: "SENT", messagingType: "RESPONSE", tag: null });
    const tagged = await send(admin, middle.id, "Sorry for the wait: here is the tracking link.");
    expect(tagged.message).toMatchObject({ sendStatus: "SENT", messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT" });
    const blocked = await send(admin, closed.id, "Too late").catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(AppError);
    expect(blocked).toMatchObject({ status: 422, code: "window_closed" });

    const sends = (await env.sim.control<{ data: { path: string; objectId: string; status: number; request: { tag?: string } }[] }>("GET", "/send-log?limit=100000")).data.slice(before);
    expect(sends).toHaveLength(2); // the blocked reply never reached Meta
    expect(sends.every((s) => s.objectId === igLoginId && s.status === 200 && s.path === `/${igLoginId}/messages`)).toBe(true);
    expect(sends.map((s) => s.request.tag ?? null)).toEqual([null, "HUMAN_AGENT"]);
  }, 45_000);

  it("renews the token on demand and on schedule; a renewal Meta refuses is retried later and the access stays", async () => {
    const tokenOf = async () => {
      const row = await db.channel.findUniqueOrThrow({ where: { id: channelId }, select: { accessTokenEncrypted: true } });
      return decryptToken(row.accessTokenEncrypted!, process.env.TOKEN_ENCRYPTION_KEY!, `channel:${channelId}`);
    };
    // Meta refreshes only tokens at least 24 h old: the fresh one is refused, recorded, retried in 6 h.
    const young = await refreshInstagramToken(channelId, { trigger: "admin" });
    expect(young).toMatchObject({ refreshed: false, needsReconnect: false });
    const afterYoung = await db.channel.findUniqueOrThrow({ where: { id: channelId } });
    expect(afterYoung.tokenRefreshError).toMatch(/24 hours/);
    expect(afterYoung.tokenRefreshAt!.getTime() - Date.now()).toBeGreaterThan(5.9 * 3_600_000);
    expect(afterYoung.tokenStatus).toBe("VALID");

    // Eleven days later (Meta's clock), the periodic job renews it: a new token, 60 days from the renewal.
    await env.sim.control("POST", "/clock", { advanceDays: 11 });
    const oldToken = await tokenOf();
    await db.channel.update({ where: { id: channelId }, data: { tokenRefreshAt: new Date(Date.now() - 1000) } });
    expect(await refreshDueInstagramTokens()).toEqual({ refreshed: 1, failed: 0 });
    const renewed = await db.channel.findUniqueOrThrow({ where: { id: channelId } });
    expect(await tokenOf()).not.toBe(oldToken);
    expect(renewed.tokenRefreshError).toBeNull();
    expect(renewed.tokenExpiresAt!.getTime() - Date.now()).toBeGreaterThan(59 * DAY);
    expect(await db.auditEvent.count({ where: { accountId: account.id, type: "channel.token_refreshed" } })).toBe(1);
    // Nothing is due right after a renewal.
    expect(await refreshDueInstagramTokens()).toEqual({ refreshed: 0, failed: 0 });
  }, 30_000);

  it("a failing renewal with 5 days left marks the channel 'needs reconnect' while it still works; with 40 days left it does not", async () => {
    await env.sim.control("POST", "/clock", { advanceDays: 2 });
    await env.sim.control("POST", "/faults/scripted", { endpoint: "token_refresh", effect: "error", error: { code: 2, message: "Service temporarily unavailable" }, times: 100 });

    await db.channel.update({ where: { id: channelId }, data: { tokenExpiresAt: new Date(Date.now() + 40 * DAY) } });
    expect(await refreshInstagramToken(channelId, { trigger: "schedule" })).toMatchObject({ refreshed: false, needsReconnect: false });
    expect((await listAdminChannels(account.id)).find((c) => c.id === channelId)).toMatchObject({ needsReconnect: false, tokenStatus: "VALID" });

    await db.channel.update({ where: { id: channelId }, data: { tokenExpiresAt: new Date(Date.now() + 5 * DAY) } });
    expect(await refreshInstagramToken(channelId, { trigger: "schedule" })).toMatchObject({ refreshed: false, needsReconnect: true });
    const listed = (await listAdminChannels(account.id)).find((c) => c.id === channelId)!;
    expect(listed).toMatchObject({ needsReconnect: true, tokenStatus: "VALID", tokenRefreshError: expect.stringContaining("Service temporarily unavailable") });
    expect(await db.auditEvent.findFirst({ where: { accountId: account.id, type: "channel.token_refresh_failed" }, orderBy: { createdAt: "desc" } })).toMatchObject({
      data: expect.objectContaining({ needsReconnect: true, code: 2 }),
    });
    await env.sim.control("DELETE", "/faults");
    // The token still works until it ends: syncs and sends go on (here: a reconciliation pass succeeds).
    await requestReconcile(channelId, { full: true });
    await waitForSync(channelId);
    expect((await db.syncRun.findFirstOrThrow({ where: { channelId }, orderBy: { createdAt: "desc" } })).status).toBe("SUCCEEDED");

    // Meta refusing the token itself (190) needs a reconnect at once.
    const row = await db.channel.findUniqueOrThrow({ where: { id: channelId }, select: { accessTokenEncrypted: true } });
    await env.sim.control("POST", "/tokens/invalidate", { token: decryptToken(row.accessTokenEncrypted!, process.env.TOKEN_ENCRYPTION_KEY!, `channel:${channelId}`) });
    expect(await refreshInstagramToken(channelId, { trigger: "admin" })).toMatchObject({ refreshed: false, needsReconnect: true, retryAt: null });
    expect(await db.channel.findUniqueOrThrow({ where: { id: channelId } })).toMatchObject({ tokenStatus: "NEEDS_RECONNECT", tokenRefreshAt: null });

    // Reconnecting with Instagram restores it, on the same row.
    const again = await connectWithInstagram(admin, igLoginId);
    expect(again).toMatchObject({ id: channelId, created: false });
    expect((await listAdminChannels(account.id)).find((c) => c.id === channelId)).toMatchObject({ needsReconnect: false, tokenStatus: "VALID", tokenRefreshError: null });
    await env.sim.control("POST", "/clock", { offsetMs: 0 });
  }, 60_000);
});

describe("an Instagram account connected both ways", () => {
  it("is one channel: switching from its Page to Instagram Login and back keeps its history and sends on the right host", async () => {
    const account = await createAccount();
    const admin = await createTestAgent(account.id, "ADMIN");
    const linked = (await simChannels(env.sim)).find((c) => c.platform === "instagram")!;
    await connectChannelFromPageToken({ accountId: account.id, actorId: admin.id, pageToken: env.sim.pageToken(linked.pageId) });
    const viaPage = await db.channel.findFirstOrThrow({ where: { accountId: account.id, platform: "INSTAGRAM" } });
    expect(viaPage).toMatchObject({ connection: "FACEBOOK_LOGIN", pageMetaId: linked.pageId, metaId: linked.id });
    await waitForSync(viaPage.id);
    const history = await db.message.count({ where: { channelId: viaPage.id } });
    const conversations = await db.conversation.count({ where: { channelId: viaPage.id } });
    expect(conversations).toBe(linked.conversationCount);

    const switched = await connectWithInstagram(admin, linked.id);
    expect(switched).toMatchObject({ id: viaPage.id, created: false });
    expect(await db.channel.count({ where: { accountId: account.id, platform: "INSTAGRAM" } })).toBe(1);
    expect(await db.channel.findUniqueOrThrow({ where: { id: viaPage.id } })).toMatchObject({ connection: "INSTAGRAM_LOGIN", pageMetaId: linked.id });
    expect(await db.auditEvent.findFirst({ where: { accountId: account.id, type: "channel.connected", data: { path: ["previousConnection"], equals: "FACEBOOK_LOGIN" } } })).not.toBeNull();
    await waitForSync(viaPage.id);
    expect(await db.conversation.count({ where: { channelId: viaPage.id } })).toBe(conversations);
    expect(await db.message.count({ where: { channelId: viaPage.id } })).toBeGreaterThanOrEqual(history);

    const fresh = await db.conversation.findFirstOrThrow({ where: { channelId: viaPage.id, lastInboundAt: { gt: new Date(Date.now() - 20 * 3_600_000) } } });
    const before = (await env.sim.control<{ data: unknown[] }>("GET", "/send-log?limit=100000")).data.length;
    const reply = await send(admin, fresh.id, "Answered through Instagram Login");
    expect(reply.message, JSON.stringify(reply.message)).toMatchObject({ sendStatus: "SENT" });
    const [logged] = (await env.sim.control<{ data: { path: string }[] }>("GET", "/send-log?limit=100000")).data.slice(before);
    expect(logged!.path).toBe(`/${linked.id}/messages`);

    // Back through Facebook Login: still the same row, the Page path again.
    await connectChannelFromPageToken({ accountId: account.id, actorId: admin.id, pageToken: env.sim.pageToken(linked.pageId) });
    expect(await db.channel.count({ where: { accountId: account.id, platform: "INSTAGRAM" } })).toBe(1);
    expect(await db.channel.findUniqueOrThrow({ where: { id: viaPage.id } })).toMatchObject({ connection: "FACEBOOK_LOGIN", pageMetaId: linked.pageId, tokenExpiresAt: null });
  }, 90_000);
});
