import "server-only";
import { deliverOutboxJob } from "@/lib/send/deliver-outbox-job";
import { SEND_DELIVER_QUEUE } from "@/lib/send/send-queue";
import { syncJobHandlers } from "@/lib/sync/sync-job-handlers";
import type { JobHandler } from "./job-worker";
import { PERIODIC_JOBS } from "./periodic-jobs";

/**
 * Every job queue and its handler. A queue name is `<domain>.<verb>` (e.g. "sync.backfill",
 * "send.deliver"); handlers are idempotent, because a job can run again after a crash.
 */
export const jobHandlers: Record<string, JobHandler> = {
  [SEND_DELIVER_QUEUE]: deliverOutboxJob,
  ...syncJobHandlers,
  ...PERIODIC_JOBS,
};
