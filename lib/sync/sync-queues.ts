// Job queues of the sync (lib/jobs): names and singleton keys in one place.
export const SYNC_QUEUES = {
  /** Import every conversation of a channel (a SyncRun of kind BACKFILL; resumes from its cursor). */
  backfill: "sync.backfill",
  /** Re-read conversations Meta updated since the channel's watermark; periodic (re-schedules itself) or once. */
  reconcile: "sync.reconcile",
  /** Thread id (`user_id` lookup) and profile of a person first seen in a webhook. */
  resolveContact: "sync.resolve-contact",
} as const;

export const backfillKey = (channelId: string) => `backfill:${channelId}`;
export const periodicReconcileKey = (channelId: string) => `reconcile:${channelId}`;
export const onDemandReconcileKey = (channelId: string) => `reconcile-now:${channelId}`;
export const resolveContactKey = (contactId: string) => `contact:${contactId}`;
