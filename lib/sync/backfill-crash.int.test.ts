// A backfill whose worker process is killed mid-way (SIGKILL: no cleanup, the job's lease simply runs out)
// is taken over by another worker, resumes from the run's cursor and finishes with every conversation once.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectChannelFromPageToken } from "@/lib/channels/connect-channel-from-page-token";
import { db } from "@/lib/db";
import type { JobWorker } from "@/lib/jobs/job-worker";
import { createAccount, createTestAgent } from "@/scripts/testing/factories";
import { simChannels, simConversations, startMetaTestEnv, startSyncWorker, waitUntil, type MetaTestEnv } from "@/scripts/testing/meta-test-env";

const ROOT = path.join(import.meta.dirname, "../..");
const LEASE_MS = 2_000;
let env: MetaTestEnv;
let child: ChildProcess | null = null;
let worker: JobWorker | null = null;

beforeAll(async () => {
  env = await startMetaTestEnv({
    dataset: { name: "generic", seed: 3, sizes: { pages: 1, instagramAccounts: 0, conversations: 240, messagesPerConversation: { min: 1, max: 8 } } },
    app: { callbackUrl: null } as never,
  });
}, 60_000);

afterAll(async () => {
  child?.kill("SIGKILL");
  await worker?.stop(5_000);
  await env?.close();
});

function startWorkerProcess(): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/testing/sync-worker-process.ts", String(LEASE_MS)], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "test", LOG_IN_TESTS: process.env.CRASH_DEBUG ? "1" : "", LOG_LEVEL: "debug" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: proc.stdout! }).on("line", (line) => {
      if (line === "ready") resolve(proc);
      else if (process.env.CRASH_DEBUG) console.log(`worker: ${line}`);
    });
    proc.once("exit", (code) => reject(new Error(`worker process exited early (${code})`)));
  });
}

describe("backfill crash", () => {
  it("a killed worker's backfill is resumed from its cursor by another worker (and survives a graceful stop): no loss, no duplicate", async () => {
    const account = await createAccount();
    const admin = await createTestAgent(account.id, "ADMIN");
    const [page] = await simChannels(env.sim);
    const [connected] = await connectChannelFromPageToken({ accountId: account.id, actorId: admin.id, pageToken: env.sim.pageToken(page!.id) });
    const channelId = connected!.id;
    const run = () => db.syncRun.findFirstOrThrow({ where: { channelId, kind: "BACKFILL" } });

    child = await startWorkerProcess();
    await waitUntil(async () => (await run()).conversationsDone >= 75, { what: "a third of the backfill", timeoutMs: 60_000, intervalMs: 50 }).catch(async (error: Error) => {
      const jobs = await db.$queryRaw`SELECT queue, status::text, attempts, locked_by, last_error FROM jobs`;
      throw new Error(`${error.message}: run ${JSON.stringify(await run())}, jobs ${JSON.stringify(jobs)}`);
    });
    child.kill("SIGKILL");
    await new Promise((r) => child!.once("exit", r));
    child = null;
    const interrupted = await run();
    expect(interrupted.status).toBe("RUNNING");
    expect(interrupted.cursor).not.toBeNull();
    expect(interrupted.conversationsDone).toBeLessThan(240);
    const [job] = await db.$queryRaw<{ status: string }[]>`SELECT status::text FROM jobs WHERE singleton_key = ${`backfill:${channelId}`}`;
    expect(job?.status).toBe("RUNNING"); // held by the dead worker until its lease runs out

    // Another worker takes the job over once the lease expired; stopping it (a deploy) hands the job back at once.
    worker = await startSyncWorker({ leaseMs: LEASE_MS });
    await waitUntil(async () => (await run()).conversationsDone >= 150, { what: "the takeover", timeoutMs: 60_000, intervalMs: 50 });
    await worker.stop(10_000);
    const [handedBack] = await db.$queryRaw<{ status: string }[]>`SELECT status::text FROM jobs WHERE singleton_key = ${`backfill:${channelId}`}`;
    expect(handedBack?.status).toBe("QUEUED");
    expect((await run()).status).toBe("RUNNING");

    worker = await startSyncWorker({ leaseMs: LEASE_MS });
    await waitUntil(async () => (await run()).status === "SUCCEEDED", { what: "the resumed backfill", timeoutMs: 90_000 });
    const finished = await run();
    expect(finished.conversationsDone).toBe(240);
    expect(finished.conversationsTotal).toBe(240);

    const truth = await simConversations(env.sim, page!.id);
    const conversations = await db.conversation.findMany({ where: { channelId }, select: { metaThreadId: true, _count: { select: { messages: true } } } });
    expect(conversations).toHaveLength(240);
    expect(new Set(conversations.map((c) => c.metaThreadId))).toEqual(new Set(truth.map((t) => t.id)));
    const expectedMessages = truth.reduce((n, t) => n + t.messages.filter((m) => m.detailed).length, 0);
    expect(await db.message.count({ where: { channelId } })).toBe(expectedMessages);
    expect(await db.contact.count({ where: { channelId } })).toBe(240);
  }, 180_000);
});
