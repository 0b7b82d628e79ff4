// The health signals the sync records, against the simulator: webhook processing moves the channel's
// `lastWebhookAt`; a webhook Meta drops is repaired by reconciliation and counted as a delivery gap (admins
// notified, `deliveryGaps` of the admin channel list), while messages whose webhooks did arrive — and a fresh
// message whose webhook could still be on its way — are not counted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectChannelFromPageToken } from "@/lib/channels/connect-channel-from-page-token";
import { listAdminChannels } from "@/lib/channels/list-admin-channels";
import { db } from "@/lib/db";
import type { JobWorker } from "@/lib/jobs/job-worker";
import { requestReconcile } from "@/lib/sync/schedule-reconcile";
import { WebhookProcessor } from "@/lib/webhooks/webhook-processor";
import { createAccount, createTestAgent } from "@/scripts/testing/factories";
import { simChannels, startMetaTestEnv, startSyncWorker, waitUntil, type MetaTestEnv, type SimChannel } from "@/scripts/testing/meta-test-env";

let env: MetaTestEnv;
let worker: JobWorker;
let processor: WebhookProcessor;
let accountId: string;
let adminId: string;
let page: SimChannel;
let channelId: string;

type Action = { contactId: string; conversationId: string; messageId: string; timestamp: number };
const customer = (body: Record<string, unknown>) => env.sim.control<Action>("POST", "/customer/message", { channelId: page.id, ...body });
const drain = async () => {
  await env.sim.control("POST", "/webhooks/drain", { timeoutMs: 10_000 });
  await expect.poll(() => db.webhookEvent.count({ where: { status: "RECEIVED" } }), { timeout: 10_000, interval: 50 }).toBe(0);
};

beforeAll(async () => {
  env = await startMetaTestEnv({ dataset: { name: "empty", sizes: { pages: 1, instagramAccounts: 1 } } });
  worker = await startSyncWorker();
  processor = new WebhookProcessor({ pollIntervalMs: 200 });
  await processor.start();
  const account = await createAccount();
  accountId = account.id;
  const admin = await createTestAgent(accountId, "ADMIN");
  adminId = admin.id;
  page = (await simChannels(env.sim)).find((c) => c.platform === "messenger")!;
  await connectChannelFromPageToken({ accountId, actorId: admin.id, pageToken: env.sim.pageToken(page.id) });
  channelId = (await db.channel.findFirstOrThrow({ where: { accountId, metaId: page.id } })).id;
  await waitUntil(async () => (await db.channel.findUniqueOrThrow({ where: { id: channelId } })).syncStatus === "IDLE", { what: "backfill" });
}, 90_000);

afterAll(async () => {
  await processor?.stop();
  await worker?.stop(5_000);
  await env?.close();
});

async function fullReconcile() {
  const before = await db.syncRun.count({ where: { channelId, kind: "RECONCILE", status: "SUCCEEDED" } });
  expect(await requestReconcile(channelId, { full: true })).toBe(true);
  await waitUntil(async () => (await db.syncRun.count({ where: { channelId, kind: "RECONCILE", status: "SUCCEEDED" } })) > before, { what: "reconciliation" });
}

describe("connection health from the sync", () => {
  it("webhook processing records when the channel's last webhook was received", async () => {
    const before = (await db.channel.findUniqueOrThrow({ where: { id: channelId } })).lastWebhookAt;
    const sent = await customer({ newContact: { name: "Ana" }, text: "Hello?" });
    await drain();
    await expect.poll(() => db.message.count({ where: { channelId, mid: sent.messageId } })).toBe(1);
    const event = await db.webhookEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    const channel = await db.channel.findUniqueOrThrow({ where: { id: channelId } });
    expect(channel.lastWebhookAt?.getTime()).toBe(event.receivedAt.getTime());
    if (before) expect(channel.lastWebhookAt!.getTime()).toBeGreaterThan(before.getTime());
    const [listed] = await listAdminChannels(accountId);
    expect(listed).toMatchObject({ id: channelId, lastWebhookAt: event.receivedAt.toISOString(), deliveryGaps: { count: 0, lastAt: null } });
  });

  it("a dropped webhook repaired by reconciliation is a delivery gap; delivered and fresh messages are not", async () => {
    // Delivered normally: never a gap.
    const delivered = await customer({ newContact: { name: "Bea" }, text: "Delivered" });
    await drain();
    // Meta drops the next two webhooks: one message five minutes old by now, one just sent.
    await env.sim.control("POST", "/faults", { webhooks: { drop: 1 } });
    const missed = await customer({ newContact: { name: "Carl" }, text: "Where is my refund?" });
    await env.sim.control("POST", `/conversations/${missed.conversationId}/age`, { minutes: 5 });
    const fresh = await customer({ newContact: { name: "Dora" }, text: "Just now" });
    await env.sim.control("POST", "/webhooks/drain", { timeoutMs: 10_000 });
    await env.sim.control("DELETE", "/faults");
    expect(await db.message.count({ where: { channelId, mid: { in: [missed.messageId, fresh.messageId] } } })).toBe(0);

    await fullReconcile();
    const repaired = await db.message.findMany({ where: { channelId, mid: { in: [missed.messageId, fresh.messageId, delivered.messageId] } }, select: { id: true, mid: true } });
    expect(repaired).toHaveLength(3);
    const gaps = await db.deliveryGap.findMany({ where: { channelId } });
    expect(gaps.map((g) => g.messageId)).toEqual([repaired.find((m) => m.mid === missed.messageId)!.id]);

    const [listed] = await listAdminChannels(accountId);
    expect(listed!.deliveryGaps).toEqual({ count: 1, lastAt: gaps[0]!.foundAt.toISOString() });
    expect(listed!.attention).toContain("delivery_gaps");
    const notice = await db.adminNotification.findFirstOrThrow({ where: { agentId: adminId, channelId, kind: "channel.delivery_gaps" } });
    expect(notice.title).toContain("1 message arrived without a webhook");

    // Reconciling again finds nothing new: the count stays, no second notice.
    await fullReconcile();
    expect(await db.deliveryGap.count({ where: { channelId } })).toBe(1);
    expect(await db.adminNotification.findFirstOrThrow({ where: { id: notice.id } })).toMatchObject({ occurrences: 1 });
  });
});
