// Automatic assignment decided in Postgres: new conversations from concurrent webhooks, processed by two
// processes (two app instances on one database), are shared round-robin among the agents who work the channel
// and are ONLINE — each within ±1 of an equal share, never anyone unavailable, never two owners.
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import path from "node:path";
import { createInterface } from "node:readline";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { processWebhookBatch } from "@/lib/webhooks/process-webhook-events";
import { receiveWebhook } from "@/lib/webhooks/receive-webhook";
import { createAccount, createTestAgent } from "@/scripts/testing/factories";
import { configureAppEnv, TEST_APP } from "@/scripts/testing/meta-test-env";

const ROOT = path.resolve(import.meta.dirname, "../..");
beforeAll(() => configureAppEnv("http://127.0.0.1:9"));

let seq = 0;
async function newPersonWrites(pageId: string) {
  const i = seq++;
  const body = JSON.stringify({
    object: "page",
    entry: [{ id: pageId, time: 1_800_000_000_000, messaging: [{ sender: { id: `9${pageId.slice(-6)}${i}` }, recipient: { id: pageId }, timestamp: 1_800_000_000_000 + i, message: { mid: `m_assign_${pageId}_${i}`, text: `hello ${i}` } }] }],
  });
  const signature = `sha256=${createHmac("sha256", TEST_APP.secret).update(body).digest("hex")}`;
  expect((await receiveWebhook(new Uint8Array(Buffer.from(body)), signature)).status).toBe(200);
}

async function team(mode: "ROUND_ROBIN" | "LEAST_OPEN", capacity: number | null = null) {
  const account = await createAccount();
  const pageId = String(1e15 + Math.floor(Math.random() * 1e14));
  const channel = await db.channel.create({
    data: { accountId: account.id, platform: "MESSENGER", metaId: pageId, pageMetaId: pageId, name: "Assigned Page", assignmentMode: mode, assignmentCapacity: capacity },
  });
  const agent = async (availability: "ONLINE" | "AWAY" | "OFFLINE", options: { member?: boolean; active?: boolean } = {}) => {
    const row = await createTestAgent(account.id, "AGENT", { active: options.active ?? true });
    await db.agent.update({ where: { id: row.id }, data: { availability } });
    if (options.member ?? true) await db.pageMembership.create({ data: { agentId: row.id, channelId: channel.id } });
    return row.id;
  };
  return { account, channel, pageId, agent };
}

function startWorker(maxItems: number) {
  const proc = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/testing/webhook-worker-process.ts", String(maxItems)], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "test", WORKER_ENABLED: "false" },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: proc.stdout! });
  const ready = new Promise<void>((resolve) => lines.on("line", (l) => l === "ready" && resolve()));
  const done = new Promise<{ events: number }>((resolve, reject) => {
    lines.on("line", (l) => l.startsWith("{") && resolve(JSON.parse(l) as { events: number }));
    proc.on("exit", (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)));
  });
  return { ready, done, go: () => proc.stdin!.write("go\n") };
}

describe("automatic assignment", () => {
  it("round-robin: 100 new conversations from concurrent webhooks, two processes — each available agent ±1 of an equal share, nobody unavailable, one owner each", async () => {
    const t = await team("ROUND_ROBIN");
    const available = [await t.agent("ONLINE"), await t.agent("ONLINE"), await t.agent("ONLINE")];
    const unavailable = [await t.agent("OFFLINE"), await t.agent("AWAY"), await t.agent("ONLINE", { member: false }), await t.agent("ONLINE", { active: false })];
    await Promise.all(Array.from({ length: 100 }, () => newPersonWrites(t.pageId)));

    const workers = [startWorker(2), startWorker(2)];
    await Promise.all(workers.map((w) => w.ready));
    workers.forEach((w) => w.go());
    const processed = await Promise.all(workers.map((w) => w.done));
    // Both instances took part.
    expect(processed.every((p) => p.events > 0)).toBe(true);
    expect(processed[0]!.events + processed[1]!.events).toBe(100);

    const conversations = await db.conversation.findMany({ where: { channelId: t.channel.id }, select: { id: true, assigneeId: true } });
    expect(conversations).toHaveLength(100);
    const shares = new Map(available.map((id) => [id, 0]));
    for (const c of conversations) {
      expect(available).toContain(c.assigneeId);
      expect(unavailable).not.toContain(c.assigneeId);
      shares.set(c.assigneeId!, shares.get(c.assigneeId!)! + 1);
    }
    const counts = [...shares.values()];
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    // One assignment per conversation: nobody took one another had already taken.
    const assignments = await db.auditEvent.findMany({ where: { accountId: t.account.id, type: "conversation.assigned" }, select: { conversationId: true, actorId: true, data: true } });
    expect(assignments).toHaveLength(100);
    expect(new Set(assignments.map((a) => a.conversationId)).size).toBe(100);
    expect(assignments.every((a) => a.actorId === null && (a.data as { auto?: string }).auto === "ROUND_ROBIN")).toBe(true);
  }, 120_000);

  it("least-open with a capacity: the least loaded first, nobody beyond capacity (the rest wait unassigned); going AWAY keeps one's conversations", async () => {
    const t = await team("LEAST_OPEN", 3);
    const busy = await t.agent("ONLINE");
    const free = await t.agent("ONLINE");
    // `busy` already holds two open conversations of this channel.
    for (let i = 0; i < 2; i++) await newPersonWrites(t.pageId);
    await db.channel.update({ where: { id: t.channel.id }, data: { assignmentMode: "OFF" } });
    await processWebhookBatch({ maxItems: 10 });
    await db.conversation.updateMany({ where: { channelId: t.channel.id }, data: { assigneeId: busy } });
    await db.channel.update({ where: { id: t.channel.id }, data: { assignmentMode: "LEAST_OPEN" } });

    for (let i = 0; i < 6; i++) await newPersonWrites(t.pageId);
    while ((await processWebhookBatch({ maxItems: 2 })).events > 0);
    const byAgent = await db.conversation.groupBy({ by: ["assigneeId"], where: { channelId: t.channel.id }, _count: true });
    const count = (id: string | null) => byAgent.find((g) => g.assigneeId === id)?._count ?? 0;
    // free: 0 → 3 (capacity); busy: 2 → 3; one waits unassigned.
    expect([count(free), count(busy), count(null)]).toEqual([3, 3, 2]);

    // free goes AWAY: keeps their three; a new conversation waits (busy is full too).
    await db.agent.update({ where: { id: free }, data: { availability: "AWAY" } });
    await db.conversation.updateMany({ where: { assigneeId: busy }, data: { status: "RESOLVED" } });
    await newPersonWrites(t.pageId);
    await processWebhookBatch({ maxItems: 10 });
    const after = await db.conversation.groupBy({ by: ["assigneeId"], where: { channelId: t.channel.id }, _count: true });
    expect(after.find((g) => g.assigneeId === free)?._count).toBe(3);
    expect(after.find((g) => g.assigneeId === busy)?._count).toBe(4);
  }, 60_000);
});
