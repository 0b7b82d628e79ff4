// Job queues of the sync (lib/jobs): names, payloads and singleton keys in one place. The handlers are wired in
// lib/worker/; queue names are stored in the jobs table, so they never change.
export const SYNC_QUEUES = {
  /** Import every conversation of a channel (a SyncRun of kind BACKFILL; resumes from its cursor). */
  backfill: "sync.backfill",
  /** Re-read conversations Meta updated since the channel's watermark; periodic (re-schedules itself) or once. */
  reconcile: "sync.reconcile",
  /** Before Dec 2026: thread id and profile of one new contact. Rows may still exist; now they hand over to the two below. */
  resolveContact: "sync.resolve-contact",
  /** Names and pictures of a channel's new contacts (User Profile API), many in parallel. */
  fetchProfiles: "sync.fetch-profiles",
  /** Meta's thread ids of a channel's new conversations (Conversations API, 2 calls/s: it may trail). */
  resolveThreads: "sync.resolve-threads",
} as const;

export interface BackfillPayload {
  syncRunId: string;
  channelId: string;
}

export interface ReconcilePayload {
  channelId: string;
  /** "periodic": the channel's self-re-scheduling job; "once": an admin's "Re-sync now". */
  mode: "periodic" | "once";
  /** Re-read every conversation instead of those updated since the watermark. */
  full?: boolean;
  /** Periodic interval override (tests). */
  intervalMs?: number;
}

export interface ChannelJobPayload {
  channelId: string;
}

export interface ResolveContactPayload {
  contactId: string;
}

export const backfillKey = (channelId: string) => `backfill:${channelId}`;
export const periodicReconcileKey = (channelId: string) => `reconcile:${channelId}`;
export const onDemandReconcileKey = (channelId: string) => `reconcile-now:${channelId}`;
export const fetchProfilesKey = (channelId: string) => `profiles:${channelId}`;
export const resolveThreadsKey = (channelId: string) => `threads:${channelId}`;
