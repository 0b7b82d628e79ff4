import "server-only";
import { db } from "@/lib/db";
import { enqueueJobs } from "./enqueue-job";
import { RetryJobLater, type JobHandler } from "./job-worker";

/**
 * A job that never finishes: it does its work, then re-queues itself for the next run (a RetryJobLater spends
 * no attempt). One singleton per queue across all processes; a crashed run is taken over by the lease.
 */
export function everyInterval(intervalMs: number, work: () => Promise<unknown>): JobHandler {
  return async () => {
    await work();
    throw new RetryJobLater(intervalMs, "next run");
  };
}

/** Finished jobs are kept this long for inspection, then deleted. */
export const FINISHED_JOB_RETENTION_DAYS = 7;

export async function pruneFinishedJobs(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - FINISHED_JOB_RETENTION_DAYS * 24 * 3_600_000);
  return db.$executeRaw`DELETE FROM jobs WHERE status IN ('DONE', 'FAILED') AND finished_at < ${before}`;
}

/** Makes sure each periodic queue has its one job (a no-op for those already queued or running). */
export async function schedulePeriodicJobs(queues: string[]): Promise<void> {
  await enqueueJobs(queues.map((queue) => ({ queue, payload: {}, singletonKey: queue })));
}
