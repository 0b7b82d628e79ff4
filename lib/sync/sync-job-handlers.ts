import "server-only";
import type { JobHandler } from "@/lib/jobs/job-worker";
import { resolveContact } from "./resolve-contact";
import { runBackfill } from "./run-backfill";
import { runReconcile } from "./run-reconcile";
import { SYNC_QUEUES } from "./sync-queues";

/** The sync's job queues and handlers (registered in lib/jobs/job-handlers.ts). */
export const syncJobHandlers: Record<string, JobHandler> = {
  [SYNC_QUEUES.backfill]: (context) => runBackfill(context),
  [SYNC_QUEUES.reconcile]: (context) => runReconcile(context),
  [SYNC_QUEUES.resolveContact]: (context) => resolveContact(context),
};
