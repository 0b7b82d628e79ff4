import "server-only";
import { db } from "@/lib/db";
import { wakeSnoozedConversations } from "@/lib/conversations/wake-snoozed-conversations";
import { pruneUnsentUploads } from "@/lib/uploads/upload-lifecycle";
import { enqueueJob } from "./enqueue-job";
import { RetryJobLater, type JobHandler } from "./job-worker";

/**
 * A job that never finishes: it does its work, then re-queues itself for the next run (a RetryJobLater spends
 * no attempt). One singleton per queue across all app instances; a crashed run is taken over by the lease.
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

/** Process-independent chores, each a periodic singleton job. */
export const PERIODIC_JOBS = {
  /** Snoozed conversations come back to their folders on time. */
  "conversations.wake-snoozed": everyInterval(60_000, () => wakeSnoozedConversations()),
  "jobs.prune": everyInterval(60 * 60_000, () => pruneFinishedJobs()),
  /** Files agents uploaded but never sent are deleted after their retention. */
  "uploads.prune": everyInterval(60 * 60_000, () => pruneUnsentUploads()),
} satisfies Record<string, JobHandler>;

/** Makes sure every periodic job exists (a no-op when it is already queued or running). */
export async function schedulePeriodicJobs(): Promise<void> {
  for (const queue of Object.keys(PERIODIC_JOBS)) await enqueueJob(queue, {}, { singletonKey: queue });
}
