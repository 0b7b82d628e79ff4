// With 20 % of Graph calls failing (5xx, timeouts, rate limits) and 20 % of webhooks dropped or duplicated,
// the inbox still ends up exactly as Meta: the backfill retries, duplicates change nothing, and the
// reconciliation repairs what the dropped webhooks would have told us.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectChannelFromPageToken } from "@/lib/channels/connect-channel-from-page-token";
import { db } from "@/lib/db";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import type { JobWorker } from "@/lib/jobs/job-worker";
import { WebhookProcessor } from "@/lib/webhooks/webhook-processor";
import { createAccount, createTestAgent } from "@/scripts/testing/factories";
import { simChannels, simConversations, startMetaTestEnv, startSyncWorker, waitUntil, type MetaTestEnv, type SimChannel, type SimConversation } from "@/scripts/testing/meta-test-env";
import { SYNC_QUEUES } from "./sync-queues";

let env: MetaTestEnv;
let worker: JobWorker;
let processor: WebhookProcessor;
let accountId: string;
let channels: SimChannel[];
const ourChannel = new Map<string, string>();

type Action = { contactId: string; conversationId: string | null; messageId: string | null; timestamp: number };

beforeAll(async () => {
  env = await startMetaTestEnv({ dataset: "demo" });
  const account = await createAccount();
  accountId = account.id;
  const admin = await createTestAgent(account.id, "ADMIN");
  channels = await simChannels(env.sim);
  for (const page of channels.filter((c) => c.platform === "messenger")) {
    await connectChannelFromPageToken({ accountId, actorId: admin.id, pageToken: env.sim.pageToken(page.id) });
  }
  for (const c of await db.channel.findMany({ where: { accountId } })) ourChannel.set(c.metaId, c.id);
  await env.sim.control("POST", "/faults", {
    seed: 7,
    graph: { serverError: 0.07, timeout: 0.06, rateLimit: 0.07, scope: "all" },
    webhooks: { drop: 0.1, duplicate: 0.1 },
    timeoutHoldMs: 250,
  });
  worker = await startSyncWorker();
  processor = new WebhookProcessor({ pollIntervalMs: 200 });
  await processor.start();
}, 60_000);

afterAll(async () => {
  await processor?.stop();
  await worker?.stop(5_000);
  await env?.close();
});

const customer = (path: string, body: unknown) => env.sim.control<Action>("POST", `/customer/${path}`, body);

async function settle() {
  await env.sim.control("POST", "/webhooks/drain", { timeoutMs: 20_000 });
  await waitUntil(async () => (await db.webhookEvent.count({ where: { status: "RECEIVED" } })) === 0, { what: "webhook processing" });
}

async function reconcile(full: boolean) {
  const since = new Date();
  for (const id of ourChannel.values()) await enqueueJob(SYNC_QUEUES.reconcile, { channelId: id, mode: "once", full }, { maxAttempts: 10 });
  await waitUntil(async () => (await db.syncRun.count({ where: { channelId: { in: [...ourChannel.values()] }, kind: "RECONCILE", status: "SUCCEEDED", finishedAt: { gte: since } } })) === ourChannel.size, {
    what: "reconciliation",
    timeoutMs: 60_000,
  });
}

async function truth(): Promise<SimConversation[]> {
  const all: SimConversation[] = [];
  for (const c of channels) all.push(...(await simConversations(env.sim, c.id)));
  return all;
}

describe("sync under faults", () => {
  it("backfill, webhooks and reconciliation end exactly at Meta's state", async () => {
    await waitUntil(async () => (await db.syncRun.count({ where: { channel: { accountId }, kind: "BACKFILL", status: "SUCCEEDED" } })) === channels.length, {
      what: "backfill",
      timeoutMs: 90_000,
    });

    // Traffic on every channel while webhooks are dropped and duplicated.
    const messenger = channels.filter((c) => c.platform === "messenger");
    const instagram = channels.find((c) => c.platform === "instagram")!;
    const existing = await env.sim.control<{ data: { id: string; conversationId: string }[] }>("GET", `/contacts?channelId=${messenger[0]!.id}`);
    for (let i = 0; i < 6; i++) {
      for (const channel of [...messenger, instagram]) {
        const first = await customer("message", { channelId: channel.id, newContact: { name: `Kunde ${i}`, username: `kunde_${i}_${channel.platform}` }, text: `Hallo ${i} — ${channel.name}` });
        await customer("message", { channelId: channel.id, contactId: first.contactId, text: `Zweite Nachricht ${i} 🙂` });
        const reply = await env.sim.control<Action>("POST", "/business/send", { channelId: channel.id, contactId: first.contactId, text: `Antwort ${i}` });
        await customer("reaction", { channelId: channel.id, contactId: first.contactId, mid: reply.messageId, emoji: i % 2 ? "👍" : "❤️" });
        if (i % 3 === 0) await customer("reaction", { channelId: channel.id, contactId: first.contactId, mid: reply.messageId, action: "unreact" });
        if (channel.platform === "messenger") {
          await customer("edit", { channelId: channel.id, contactId: first.contactId, mid: first.messageId, text: `Hallo ${i} (bearbeitet)` });
        } else {
          const oops = await customer("message", { channelId: channel.id, contactId: first.contactId, text: "falscher Chat" });
          await customer("unsend", { channelId: channel.id, contactId: first.contactId, mid: oops.messageId });
          await customer("message", { channelId: channel.id, contactId: first.contactId, text: "Entschuldigung" });
        }
      }
      const old = existing.data[i]!;
      await customer("message", { channelId: messenger[0]!.id, contactId: old.id, text: `Noch eine Frage ${i}` });
    }
    await settle();
    const webhookLog = await env.sim.control<{ counters: Record<string, number> }>("GET", "/webhooks/log?limit=1");
    const faultCounters = await env.sim.control<{ counters: { serverError: number; timeout: number; rateLimit: number } }>("GET", "/faults");
    expect(webhookLog.counters.dropped ?? 0).toBeGreaterThan(0);
    expect(webhookLog.counters.duplicated).toBeGreaterThan(0);
    expect(faultCounters.counters.serverError + faultCounters.counters.timeout + faultCounters.counters.rateLimit).toBeGreaterThan(0);

    // The periodic pass (conversations updated since the watermark) brings back every missed message…
    await reconcile(false);
    let meta = await truth();
    await expectMessagesMatch(meta, { deletionsAndEdits: false });
    // …and a full re-sync also what Graph shows but does not date: edits, reactions, Instagram unsends.
    await reconcile(true);
    meta = await truth();
    await expectMessagesMatch(meta, { deletionsAndEdits: true });
    const ours = await db.conversation.count({ where: { accountId } });
    expect(ours).toBe(meta.length);
    expect(await db.message.groupBy({ by: ["channelId", "mid"], where: { accountId }, having: { mid: { _count: { gt: 1 } } } })).toEqual([]);
  }, 240_000);
});

async function expectMessagesMatch(meta: SimConversation[], options: { deletionsAndEdits: boolean }) {
  const conversations = await db.conversation.findMany({ where: { accountId }, include: { contact: true, messages: { include: { reactions: true } } } });
  for (const t of meta) {
    const channelId = ourChannel.get(t.channelId)!;
    const c = conversations.find((x) => x.channelId === channelId && x.contact.platformUserId === t.contact.id);
    expect(c, `conversation ${t.id}`).toBeDefined();
    expect(c!.metaThreadId).toBe(t.id);
    const byMid = new Map(c!.messages.map((m) => [m.mid, m]));
    const visible = t.messages.filter((m) => !m.deleted);
    // Every message Meta details is here, with its direction.
    for (const m of visible.filter((x) => x.detailed)) {
      const row = byMid.get(m.id);
      expect(row, `message ${m.id} of ${t.id}`).toBeDefined();
      expect(row!.direction).toBe(m.direction === "inbound" ? "INBOUND" : "OUTBOUND");
      if (options.deletionsAndEdits) {
        expect(row!.text).toBe(m.text);
        expect(row!.deletedAt).toBeNull();
        expect(row!.reactions.filter((r) => r.emoji).map((r) => r.emoji).sort()).toEqual(m.reactions.map((r) => r.emoji).sort());
      }
    }
    // Nothing Meta does not have.
    const known = new Set(t.messages.map((m) => m.id));
    for (const row of c!.messages) expect(known.has(row.mid!), `unexpected ${row.mid}`).toBe(true);
    if (options.deletionsAndEdits) {
      const unsent = new Set(t.messages.filter((m) => m.deleted).map((m) => m.id));
      for (const row of c!.messages) if (unsent.has(row.mid!)) expect(row.deletedAt, `unsent ${row.mid}`).not.toBeNull();
    }
    // The window anchor is Meta's (never later than Meta's — a missed reaction cannot be dated from Graph).
    if (t.lastOpenerAtMs !== null) {
      expect(c!.lastInboundAt!.getTime()).toBeLessThanOrEqual(t.lastOpenerAtMs);
      if (t.lastOpenerKind === "MESSAGE") expect(c!.lastInboundAt!.getTime()).toBeGreaterThanOrEqual(Math.floor(t.lastOpenerAtMs / 1000) * 1000);
    }
  }
}
