// Backfill against the Meta simulator: connecting the demo Pages imports exactly what Meta shows — every
// conversation, contact and message Meta details — within Meta's rate limits, and running it again changes
// nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectChannelFromPageToken } from "@/lib/channels/connect-channel-from-page-token";
import { db } from "@/lib/db";
import type { JobWorker } from "@/lib/jobs/job-worker";
import { createAccount, createTestAgent } from "@/scripts/testing/factories";
import { simChannels, simConversations, startMetaTestEnv, startSyncWorker, type MetaTestEnv, type SimChannel } from "@/scripts/testing/meta-test-env";
import { startBackfill } from "./start-backfill";

let env: MetaTestEnv;
let worker: JobWorker;

beforeAll(async () => {
  env = await startMetaTestEnv({ dataset: "demo", app: { callbackUrl: null } as never });
  worker = await startSyncWorker();
}, 60_000);

afterAll(async () => {
  await worker?.stop(5_000);
  await env?.close();
});

const floorToSecond = (ms: number) => Math.floor(ms / 1000) * 1000;

async function waitForRuns(channelIds: string[], timeoutMs = 60_000) {
  await expect
    .poll(async () => db.syncRun.count({ where: { channelId: { in: channelIds }, status: { in: ["QUEUED", "RUNNING"] } } }), { timeout: timeoutMs, interval: 200 })
    .toBe(0);
}

async function databaseSnapshot(channelIds: string[]) {
  const [conversations, contacts, messages, reactions] = await Promise.all([
    db.conversation.count({ where: { channelId: { in: channelIds } } }),
    db.contact.count({ where: { channelId: { in: channelIds } } }),
    db.message.count({ where: { channelId: { in: channelIds } } }),
    db.messageReaction.count({ where: { message: { channelId: { in: channelIds } } } }),
  ]);
  return { conversations, contacts, messages, reactions };
}

describe("backfill", () => {
  it("imports every conversation, contact and detailed message of the demo Pages, paced within Meta's limits; a second run changes nothing", async () => {
    const account = await createAccount();
    const admin = await createTestAgent(account.id, "ADMIN");
    const channels = await simChannels(env.sim);
    const pages = channels.filter((c) => c.platform === "messenger");
    for (const page of pages) {
      await connectChannelFromPageToken({ accountId: account.id, actorId: admin.id, pageToken: env.sim.pageToken(page.id) });
    }
    const ours = await db.channel.findMany({ where: { accountId: account.id }, select: { id: true, platform: true, metaId: true, pageMetaId: true, webhookStatus: true } });
    expect(ours.map((c) => `${c.platform}:${c.metaId}`).sort()).toEqual(channels.map((c) => `${c.platform.toUpperCase()}:${c.id}`).sort());
    expect(ours.every((c) => c.webhookStatus === "SUBSCRIBED")).toBe(true);
    await waitForRuns(ours.map((c) => c.id));

    for (const simChannel of channels) {
      const channel = ours.find((c) => c.metaId === simChannel.id)!;
      await expectChannelMatchesTruth(channel.id, simChannel);
    }
    const summary = await env.sim.control<{ counts: { conversations: number } }>("GET", "/summary");
    expect(await db.conversation.count({ where: { accountId: account.id } })).toBe(summary.counts.conversations);
    expect(summary.counts.conversations).toBe(41);
    // The 25-message thread: Meta details its 20 most recent only.
    expect(await db.conversation.count({ where: { accountId: account.id, historyIncomplete: true } })).toBeGreaterThan(0);
    const runs = await db.syncRun.findMany({ where: { channelId: { in: ours.map((c) => c.id) } } });
    expect(runs.every((r) => r.status === "SUCCEEDED" && r.conversationsTotal === r.conversationsDone)).toBe(true);
    // Meta's default 2 calls/s per Page were never exceeded.
    const limits = await env.sim.control<{ buckets: Record<string, { calls: number; rejected: number }> }>("GET", "/rate-limits");
    expect(Object.values(limits.buckets).reduce((n, b) => n + b.rejected, 0)).toBe(0);
    const channelRows = await db.channel.findMany({ where: { accountId: account.id } });
    expect(channelRows.every((c) => c.syncStatus === "IDLE" && c.reconcileWatermark !== null && c.lastSyncedAt !== null)).toBe(true);

    // Idempotent: a second backfill over the same data adds nothing.
    const before = await databaseSnapshot(ours.map((c) => c.id));
    for (const channel of ours) await startBackfill(channel.id);
    await waitForRuns(ours.map((c) => c.id));
    expect(await databaseSnapshot(ours.map((c) => c.id))).toEqual(before);
    for (const simChannel of channels) await expectChannelMatchesTruth(ours.find((c) => c.metaId === simChannel.id)!.id, simChannel);
  }, 120_000);
});

async function expectChannelMatchesTruth(channelId: string, simChannel: SimChannel) {
  const truth = await simConversations(env.sim, simChannel.id);
  const conversations = await db.conversation.findMany({
    where: { channelId },
    include: { contact: true, messages: { include: { reactions: true } } },
  });
  expect(conversations.map((c) => c.metaThreadId).sort()).toEqual(truth.map((t) => t.id).sort());
  for (const t of truth) {
    const c = conversations.find((x) => x.metaThreadId === t.id)!;
    expect(c.contact.platformUserId).toBe(t.contact.id);
    if (simChannel.platform === "messenger") expect(c.contact.name).toBe(t.contact.name);
    else expect(c.contact.username).toBe(t.contact.username);
    const detailed = t.messages.filter((m) => m.detailed);
    expect(c.messages.map((m) => m.mid).sort(), t.id).toEqual(detailed.map((m) => m.id).sort());
    for (const m of detailed) {
      const row = c.messages.find((x) => x.mid === m.id)!;
      expect(row.direction).toBe(m.direction === "inbound" ? "INBOUND" : "OUTBOUND");
      expect(row.text ?? null).toBe(m.text && m.text !== "" ? m.text : null);
      expect(row.sentAt.getTime()).toBe(floorToSecond(m.createdTimeMs));
      const stored = (row.attachments as { type: string }[] | null) ?? [];
      expect(stored.map((a) => a.type).sort()).toEqual(m.attachments.map((a) => a.type).sort());
      expect(row.reactions.filter((r) => r.emoji).map((r) => r.emoji).sort()).toEqual(m.reactions.map((r) => r.emoji).sort());
    }
    expect(c.historyIncomplete).toBe(t.messages.some((m) => !m.deleted && !m.detailed));
    expect(c.unreadCount).toBe(t.unreadCount);
    expect(c.metaUpdatedAt?.getTime()).toBe(floorToSecond(t.updatedTimeMs));
    const lastVisible = t.messages.filter((m) => !m.deleted).at(-1)!;
    expect(c.lastMessageAt?.getTime()).toBe(floorToSecond(lastVisible.createdTimeMs));
    expect(c.lastMessageDirection).toBe(lastVisible.direction === "inbound" ? "INBOUND" : "OUTBOUND");
    // The window anchor: the person's newest message Meta details (the demo's openers are messages).
    const newestInbound = detailed.filter((m) => m.direction === "inbound").at(-1);
    expect(c.lastInboundAt?.getTime() ?? null).toBe(newestInbound ? floorToSecond(newestInbound.createdTimeMs) : null);
    if (t.lastOpenerKind === "MESSAGE" && newestInbound) expect(c.lastInboundAt?.getTime()).toBe(floorToSecond(t.lastOpenerAtMs!));
  }
}
