import "server-only";
import { pool } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { syncSchedulerService } from "@/lib/sync/sync-scheduler";
import { webhookProcessorService } from "@/lib/webhooks/webhook-processor";
import { jobHandlers } from "./job-handlers";
import { JobWorker } from "./job-worker";
import { schedulePeriodicJobs } from "./periodic-jobs";

/** A long-running loop of this process besides the job worker (e.g. the webhook processor). */
export interface BackgroundService {
  name: string;
  start(): Promise<{ stop(): Promise<void> }>;
}

/** Loops that run next to the job worker. Domains add theirs here. */
export const backgroundServices: BackgroundService[] = [webhookProcessorService, syncSchedulerService];

const state = globalThis as unknown as { __inboxBackground?: Promise<void> };

/**
 * Starts the job worker and background services once per process (instrumentation.ts calls it when the
 * server starts). Every app instance runs them; Postgres row locks make that safe. WORKER_ENABLED=false
 * turns them off for web-only instances.
 */
export function startBackgroundWork(): Promise<void> {
  state.__inboxBackground ??= (async () => {
    if (!env().WORKER_ENABLED) {
      logger.info("background work disabled (WORKER_ENABLED=false)");
      return;
    }
    const stops: (() => Promise<void>)[] = [];
    if (Object.keys(jobHandlers).length > 0) {
      await schedulePeriodicJobs();
      const worker = new JobWorker({ pool, handlers: jobHandlers });
      await worker.start();
      stops.push(() => worker.stop());
      logger.info("job worker started", { worker: worker.id, queues: Object.keys(jobHandlers) });
    }
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
