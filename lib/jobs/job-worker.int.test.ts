import { afterEach, describe, expect, it, vi } from "vitest";
import { logger } from "@/lib/logger";
import { db, pool } from "@/lib/db";
import { enqueueJob } from "./enqueue-job";
import { JobWorker, RetryJobLater, type JobHandler } from "./job-worker";

const workers: JobWorker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop(2_000)));
  await db.job.deleteMany({});
});

async function startWorker(handlers: Record<string, JobHandler>, options: Partial<ConstructorParameters<typeof JobWorker>[0]> = {}) {
  const worker = new JobWorker({ pool, handlers, pollIntervalMs: 100, retryBackoff: { baseMs: 10, maxMs: 50 }, ...options });
  workers.push(worker);
  await worker.start();
  return worker;
}

const jobStatus = async (id: bigint | null) => db.job.findUniqueOrThrow({ where: { id: id! } });

describe("durable jobs", () => {
  it("runs a job once and marks it done; a notification wakes the worker well before the poll interval", async () => {
    const seen: unknown[] = [];
    const worker = await startWorker({ greet: async ({ job }) => void seen.push(job.payload) }, { pollIntervalMs: 60_000 });
    const id = await enqueueJob("greet", { name: "Ana" });
    await expect.poll(async () => (await jobStatus(id)).status, { timeout: 3_000 }).toBe("DONE");
    expect(seen).toEqual([{ name: "Ana" }]);
    // The finished job names the worker that ran it (several instances: which one).
    expect((await jobStatus(id)).lockedBy).toBe(worker.id);
  });

  it("retries a failing job with backoff and gives up after maxAttempts, logging it", async () => {
    const logged = vi.spyOn(logger, "error").mockImplementation(() => {});
    let calls = 0;
    await startWorker({
      flaky: async () => {
        calls++;
        throw new Error(`boom ${calls}`);
      },
    });
    const id = await enqueueJob("flaky", {}, { maxAttempts: 3 });
    await expect.poll(async () => (await jobStatus(id)).status, { timeout: 5_000 }).toBe("FAILED");
    const job = await jobStatus(id);
    expect(calls).toBe(3);
    expect(job.attempts).toBe(3);
    expect(job.lastError).toBe("boom 3");
    expect(logged).toHaveBeenCalledWith("job failed for good", expect.objectContaining({ queue: "flaky", attempts: 3 }));
    logged.mockRestore();
  });

  it("RetryJobLater postpones without spending an attempt", async () => {
    let calls = 0;
    await startWorker({
      throttled: async () => {
        calls++;
        if (calls < 3) throw new RetryJobLater(20);
      },
    });
    const id = await enqueueJob("throttled", {}, { maxAttempts: 1 });
    await expect.poll(async () => (await jobStatus(id)).status, { timeout: 5_000 }).toBe("DONE");
    expect(calls).toBe(3);
  });

  it("keeps at most one pending job per singleton key", async () => {
    const first = await enqueueJob("backfill", { channelId: "c1" }, { singletonKey: "c1", runAt: new Date(Date.now() + 60_000) });
    const second = await enqueueJob("backfill", { channelId: "c1" }, { singletonKey: "c1" });
    const other = await enqueueJob("backfill", { channelId: "c2" }, { singletonKey: "c2" });
    expect(first).not.toBeNull();
    expect(second).toBeNull();
    expect(other).not.toBeNull();
    await db.job.update({ where: { id: first! }, data: { status: "DONE" } });
    expect(await enqueueJob("backfill", { channelId: "c1" }, { singletonKey: "c1" })).not.toBeNull();
  });

  it("takes over a job whose worker died (expired lease)", async () => {
    const id = await enqueueJob("resume", { step: 1 });
    // A worker that claimed it and crashed: RUNNING with a lease that ran out.
    await pool.query(`UPDATE jobs SET status = 'RUNNING', attempts = 1, locked_by = 'dead', locked_until = now() - interval '1 second' WHERE id = $1`, [String(id)]);
    let ranBy = 0;
    await startWorker({ resume: async () => void ranBy++ });
    await expect.poll(async () => (await jobStatus(id)).status, { timeout: 3_000 }).toBe("DONE");
    expect(ranBy).toBe(1);
    expect((await jobStatus(id)).attempts).toBe(2);
  });

  it("a heartbeat keeps a long job's lease so nobody else takes it", async () => {
    let runs = 0;
    const handler: JobHandler = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 1_500));
    };
    await startWorker({ long: handler }, { leaseMs: 600 });
    await startWorker({ long: handler }, { leaseMs: 600 });
    const id = await enqueueJob("long", {});
    await expect.poll(async () => (await jobStatus(id)).status, { timeout: 6_000 }).toBe("DONE");
    expect(runs).toBe(1);
  });

  it("never takes back a job it is still running, even when its own lease looks expired (a late heartbeat)", async () => {
    let runs = 0;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await startWorker({ hold: async () => {
      runs++;
      await held;
    } }, { leaseMs: 60_000 });
    const id = await enqueueJob("hold", {});
    await expect.poll(() => runs, { timeout: 3_000 }).toBe(1);
    // The heartbeat is late (a busy machine): the lease looks expired while the handler still runs.
    await pool.query(`UPDATE jobs SET locked_until = now() - interval '1 second' WHERE id = $1`, [String(id)]);
    await new Promise((r) => setTimeout(r, 500)); // five polls
    expect(runs).toBe(1);
    release();
    await expect.poll(async () => (await jobStatus(id)).status, { timeout: 3_000 }).toBe("DONE");
  });

  it("two workers sharing the table process each of 60 jobs exactly once", async () => {
    const counts = new Map<number, number>();
    const handler: JobHandler = async ({ job }) => {
      const n = job.payload.n as number;
      counts.set(n, (counts.get(n) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 5));
    };
    await startWorker({ count: handler }, { concurrency: 3 });
    await startWorker({ count: handler }, { concurrency: 3 });
    for (let n = 0; n < 60; n++) await enqueueJob("count", { n });
    await expect.poll(() => db.job.count({ where: { queue: "count", status: "DONE" } }), { timeout: 10_000 }).toBe(60);
    expect(counts.size).toBe(60);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
  });

  it("a stopped worker hands its job back without spending the attempt", async () => {
    let started = false;
    const worker = await startWorker({
      slow: async ({ signal }) => {
        started = true;
        await new Promise((r) => setTimeout(r, 5_000));
        if (signal.aborted) throw new Error("interrupted");
      },
    });
    const id = await enqueueJob("slow", {});
    await expect.poll(() => started, { timeout: 3_000 }).toBe(true);
    await worker.stop(6_000);
    const job = await jobStatus(id);
    expect(job.status).toBe("QUEUED");
    expect(job.attempts).toBe(0);
  });
});

describe("a singleton asked for again while it runs", () => {
  it("with rerunIfRunning it runs once more after it finishes (work that arrived after its last look is not left); without, the ask is dropped", async () => {
    let release!: () => void;
    let runs = 0;
    const started: (() => void)[] = [];
    await startWorker({
      lookup: async () => {
        runs++;
        started.shift()?.();
        if (runs === 1) await new Promise<void>((resolve) => (release = resolve));
      },
    });
    const firstStarted = new Promise<void>((resolve) => started.push(resolve));
    const id = await enqueueJob("lookup", {}, { singletonKey: "channel-1", rerunIfRunning: true });
    await firstStarted;
    // While it runs: a plain ask is a no-op as before; an ask with rerunIfRunning is remembered, not a new row.
    expect(await enqueueJob("lookup", {}, { singletonKey: "channel-1" })).toBeNull();
    expect((await jobStatus(id)).rerunRequested).toBe(false);
    expect(await enqueueJob("lookup", {}, { singletonKey: "channel-1", rerunIfRunning: true })).toBeNull();
    expect((await jobStatus(id)).rerunRequested).toBe(true);
    release();
    await expect.poll(async () => (await jobStatus(id)).status, { timeout: 3_000 }).toBe("DONE");
    expect(runs).toBe(2);
    expect(await db.job.count({ where: { queue: "lookup" } })).toBe(1);
    expect((await jobStatus(id)).rerunRequested).toBe(false);
  });

  it("asked again while still queued, it runs once", async () => {
    let runs = 0;
    const id = await enqueueJob("queued-once", {}, { singletonKey: "k", rerunIfRunning: true, runAt: new Date(Date.now() + 300) });
    expect(await enqueueJob("queued-once", {}, { singletonKey: "k", rerunIfRunning: true })).toBeNull();
    await startWorker({ "queued-once": async () => void runs++ });
    await expect.poll(async () => (await jobStatus(id)).status, { timeout: 3_000 }).toBe("DONE");
    await new Promise((r) => setTimeout(r, 300));
    expect(runs).toBe(1);
  });
});
