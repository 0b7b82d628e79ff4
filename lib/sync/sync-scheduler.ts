import "server-only";
import type { BackgroundService } from "@/lib/jobs/background-service";
import { logger } from "@/lib/logger";
import { scheduleAllPeriodicReconciles } from "./schedule-reconcile";

/**
 * At start-up, makes sure every synced channel has its periodic reconciliation job (the chain is durable, but a
 * job that failed for good, or a database restored from a backup, would otherwise leave a channel without one).
 */
export const syncSchedulerService: BackgroundService = {
  name: "sync-scheduler",
  async start() {
    const channels = await scheduleAllPeriodicReconciles().catch((error: unknown) => {
      logger.error("could not schedule reconciliations", { error });
      return 0;
    });
    logger.info("periodic reconciliation scheduled", { channels });
    return { stop: async () => {} };
  },
};
