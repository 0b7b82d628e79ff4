import "server-only";
import { db, type Tx } from "@/lib/db";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { RECONCILE_INTERVAL_MS } from "./reconcile-timing";
import { onDemandReconcileKey, periodicReconcileKey, SYNC_QUEUES } from "./sync-queues";

/**
 * Makes sure a channel has its periodic reconciliation: one durable job per channel that re-schedules itself
 * after every pass (lib/sync/run-reconcile.ts). A no-op when it already exists.
 */
export async function schedulePeriodicReconcile(channelId: string, options: { inMs?: number; tx?: Tx } = {}): Promise<void> {
  await enqueueJob(
    SYNC_QUEUES.reconcile,
    { channelId, mode: "periodic" },
    { singletonKey: periodicReconcileKey(channelId), runAt: new Date(Date.now() + (options.inMs ?? RECONCILE_INTERVAL_MS)), maxAttempts: 10 },
    options.tx ?? db,
  );
}

/** An admin's "Re-sync now": one pass over every conversation (ignoring the watermark), as soon as possible. */
export async function requestReconcile(channelId: string, options: { full?: boolean } = {}): Promise<boolean> {
  const id = await enqueueJob(SYNC_QUEUES.reconcile, { channelId, mode: "once", full: options.full ?? true }, { singletonKey: onDemandReconcileKey(channelId), maxAttempts: 5 });
  return id !== null;
}

/** At start-up: every connected channel whose first backfill finished has its periodic reconciliation. */
export async function scheduleAllPeriodicReconciles(): Promise<number> {
  const channels = await db.channel.findMany({ where: { disconnectedAt: null, syncStatus: { in: ["IDLE", "FAILED"] }, reconcileWatermark: { not: null } }, select: { id: true } });
  for (const channel of channels) await schedulePeriodicReconcile(channel.id, { inMs: 30_000 });
  return channels.length;
}
