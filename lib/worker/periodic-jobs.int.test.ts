import { afterEach, describe, expect, it } from "vitest";
import { db, pool } from "@/lib/db";
import { createAccount, createChannel, createConversation } from "@/scripts/testing/factories";
import { jobHandlers } from "@/lib/jobs/define-job";
import { JobWorker } from "@/lib/jobs/job-worker";
import { everyInterval, pruneFinishedJobs, schedulePeriodicJobs } from "@/lib/jobs/periodic-jobs";
import { periodicJobs } from "./job-definitions";

const PERIODIC_QUEUES = periodicJobs.map((job) => job.name);

const workers: JobWorker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop(2_000)));
  await db.job.deleteMany({});
});

describe("periodic jobs", () => {
  it("a periodic job runs, re-queues itself without spending attempts, and runs again", async () => {
    let runs = 0;
    const worker = new JobWorker({ pool, handlers: { tick: everyInterval(100, async () => void runs++) }, pollIntervalMs: 50 });
    workers.push(worker);
    await worker.start();
    await db.job.create({ data: { queue: "tick", payload: {}, singletonKey: "tick", maxAttempts: 1 } });
    await expect.poll(() => runs, { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
    const job = await db.job.findFirstOrThrow({ where: { queue: "tick" } });
    expect(job.status === "QUEUED" || job.status === "RUNNING").toBe(true);
    expect(job.attempts).toBeLessThanOrEqual(1);
  });

  it("scheduling is idempotent: one job per periodic queue, however often instances start", async () => {
    await schedulePeriodicJobs(PERIODIC_QUEUES);
    await schedulePeriodicJobs(PERIODIC_QUEUES);
    const jobs = await db.job.findMany({ where: { queue: { in: PERIODIC_QUEUES } }, select: { queue: true } });
    expect(jobs.map((j) => j.queue).sort()).toEqual([...PERIODIC_QUEUES].sort());
  });

  it("wakes a snoozed conversation whose time came", async () => {
    const account = await createAccount();
    const conversation = await createConversation(await createChannel(account.id));
    await db.conversation.update({ where: { id: conversation.id }, data: { status: "SNOOZED", snoozedUntil: new Date(Date.now() - 1_000) } });
    const worker = new JobWorker({ pool, handlers: jobHandlers(periodicJobs), pollIntervalMs: 50 });
    workers.push(worker);
    await worker.start();
    await schedulePeriodicJobs(PERIODIC_QUEUES);
    await expect.poll(async () => (await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).status, { timeout: 5_000 }).toBe("OPEN");
  });

  it("prunes finished jobs after the retention, keeps recent and pending ones", async () => {
    const old = new Date(Date.now() - 8 * 24 * 3_600_000);
    await db.job.createMany({
      data: [
        { queue: "x", payload: {}, status: "DONE", finishedAt: old },
        { queue: "x", payload: {}, status: "FAILED", finishedAt: old },
        { queue: "x", payload: {}, status: "DONE", finishedAt: new Date() },
        { queue: "x", payload: {}, status: "QUEUED" },
      ],
    });
    expect(await pruneFinishedJobs()).toBe(2);
    expect((await db.job.findMany({ where: { queue: "x" }, select: { status: true } })).map((j) => j.status).sort()).toEqual(["DONE", "QUEUED"]);
  });
});
