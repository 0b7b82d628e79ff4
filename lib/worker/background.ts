import "server-only";
import { pool } from "@/lib/db";
import { env } from "@/lib/env";
import type { BackgroundService } from "@/lib/jobs/background-service";
import { jobHandlers } from "@/lib/jobs/define-job";
import { JobWorker } from "@/lib/jobs/job-worker";
import { schedulePeriodicJobs } from "@/lib/jobs/periodic-jobs";
import { logger } from "@/lib/logger";
import { syncSchedulerService } from "@/lib/sync/sync-scheduler";
import { webhookProcessorService } from "@/lib/webhooks/webhook-processor";
import { ALL_JOBS, periodicJobs } from "./job-definitions";

/** Loops that run next to the job worker. */
export const backgroundServices: BackgroundService[] = [webhookProcessorService, syncSchedulerService];

const state = globalThis as unknown as { __inboxBackground?: Promise<void> };

/**
 * Starts the job worker and the background services once per process: in every app instance by default
 * (instrumentation.ts), or in worker processes of their own (`npm run worker`, lib/worker/worker-process.ts)
 * with WORKER_ENABLED=false on the web instances. Postgres row locks let any number of them share the work.
 */
export function startBackgroundWork(): Promise<void> {
  state.__inboxBackground ??= (async () => {
    const stops: (() => Promise<void>)[] = [];
    await schedulePeriodicJobs(periodicJobs.map((job) => job.name));
    const worker = new JobWorker({ pool, handlers: jobHandlers(ALL_JOBS) });
    await worker.start();
    stops.push(() => worker.stop());
    logger.info("job worker started", { worker: worker.id, queues: ALL_JOBS.map((job) => job.name) });
    for (const service of backgroundServices) {
      const running = await service.start();
      stops.push(() => running.stop());
      logger.info("background service started", { service: service.name });
    }
    const shutdown = async () => {
      await Promise.allSettled(stops.map((stop) => stop()));
      process.exit(0);
    };
    process.once("SIGTERM", () => void shutdown());
    process.once("SIGINT", () => void shutdown());
  })();
  return state.__inboxBackground;
}

/** For the web server (instrumentation.ts): background work unless WORKER_ENABLED=false. */
export async function startBackgroundWorkIfEnabled(): Promise<void> {
  if (!env().WORKER_ENABLED) {
    logger.info("background work disabled (WORKER_ENABLED=false): run `npm run worker` next to this instance");
    return;
  }
  await startBackgroundWork();
}
