import "server-only";
import { db } from "@/lib/db";
import { RetryJobLater, type JobContext } from "@/lib/jobs/job-worker";
import { countDeliveryGapsAfter, deliveryGapMark } from "@/lib/health/delivery-gaps";
import { logger } from "@/lib/logger";
import type { GraphClient } from "@/lib/meta/graph-client";
import { conversationsGraph, graph as processGraph } from "@/lib/meta/graph";
import { notifyAdmins } from "@/lib/notifications/notify-admins";
import { publishRealtime } from "@/lib/realtime/publish";
import { channelGraphAccess, recordChannelGraphProblem } from "./channel-graph-access";
import { nextReconcileWatermark, RECONCILE_INTERVAL_MS } from "./reconcile-timing";
import { NEEDS_PROFILE } from "./fetch-contact-profiles";
import { scheduleContactLookups } from "./schedule-contact-lookups";
import { syncChannelComments } from "@/lib/comments/backfill-comments";
import { runSyncPass, SyncInterrupted } from "./sync-pass";
import type { ReconcilePayload } from "./sync-queues";

/**
 * Job handler of `sync.reconcile`: re-reads the conversations Meta updated since the channel's watermark (all
 * of them when `full`) and imports them — a webhook Meta never delivered (or we lost) is repaired. The
 * periodic job never ends while the channel is connected: after each pass it re-schedules itself, whatever
 * the pass's outcome (a failure is recorded on the run and shown to admins).
 */
export async function runReconcile({ payload, signal }: JobContext<ReconcilePayload>, injectedGraph?: GraphClient): Promise<void> {
  const interval = payload.intervalMs ?? RECONCILE_INTERVAL_MS;
  const again = () => {
    if (payload.mode === "periodic") throw new RetryJobLater(interval, "next periodic reconciliation");
  };
  const channel = await db.channel.findUnique({ where: { id: payload.channelId }, select: { syncStatus: true, reconcileWatermark: true, disconnectedAt: true } });
  if (!channel || channel.disconnectedAt) return;
  // Nothing to reconcile against before the first backfill finished (it covers everything until then).
  if (channel.syncStatus === "BACKFILLING" || channel.syncStatus === "NEVER_SYNCED") return again();
  const access = await channelGraphAccess(payload.channelId);
  if (!access) return; // needs a reconnect; connecting again schedules reconciliation anew
  const graph = injectedGraph ?? conversationsGraph(access.connection);

  const since = payload.full ? null : channel.reconcileWatermark;
  await prunePendingMessageUpdates(payload.channelId);
  await resumeContactLookups(payload.channelId);
  await db.syncRun.updateMany({ where: { channelId: payload.channelId, kind: "RECONCILE", status: "RUNNING" }, data: { status: "CANCELLED", error: "interrupted", finishedAt: new Date() } });
  const run = await db.syncRun.create({ data: { channelId: payload.channelId, kind: "RECONCILE", status: "RUNNING", watermark: since, startedAt: new Date(), heartbeatAt: new Date() } });
  let status: "SUCCEEDED" | "FAILED" | "CANCELLED" = "SUCCEEDED";
  let errorMessage: string | null = null;
  let watermark = channel.reconcileWatermark;
  const gapMark = await deliveryGapMark(payload.channelId);
  try {
    const result = await runSyncPass({ runId: run.id, access, graph, kind: "reconcile", since, signal });
    watermark = nextReconcileWatermark(channel.reconcileWatermark, result.newestUpdatedAt);
    if (result.messagesInserted > 0) logger.info("reconciliation repaired missed messages", { channelId: payload.channelId, messages: result.messagesInserted });
    // Comment reads are not the Conversations API: its 2 calls/s per Page does not apply (the client still
    // slows down on Meta's usage headers), so a connect's comment backfill does not hold the channel's jobs.
    await syncChannelComments(access, injectedGraph ?? processGraph(access.connection));
    await notifyDeliveryGaps(payload.channelId, gapMark);
  } catch (error) {
    status = error instanceof SyncInterrupted ? "CANCELLED" : "FAILED";
    errorMessage = error instanceof Error ? error.message : String(error);
    if (status === "FAILED") {
      const channelProblem = await recordChannelGraphProblem(payload.channelId, error);
      logger.warn("reconciliation failed", { channelId: payload.channelId, channelProblem, error });
    }
    if (error instanceof SyncInterrupted || payload.mode === "once") {
      await closeRun(run.id, payload.channelId, access.channel.accountId, status, errorMessage, null);
      throw error;
    }
  }
  await closeRun(run.id, payload.channelId, access.channel.accountId, status, errorMessage, status === "SUCCEEDED" ? watermark : null);
  return again();
}

/**
 * A safety net for the per-channel contact lookups (lib/sync/schedule-contact-lookups.ts): a person who arrived
 * just as the channel's lookup job was finishing would otherwise wait for the next new person.
 */
async function resumeContactLookups(channelId: string): Promise<void> {
  const [waiting] = await db.$queryRaw<{ waiting: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM contacts WHERE channel_id = ${channelId}::uuid AND ${NEEDS_PROFILE}) AS waiting`;
  if (waiting?.waiting) await scheduleContactLookups([channelId]);
}

/** Messages this pass found that no webhook delivered: the channel's admins hear of it (one notice, repeated while unread). */
async function notifyDeliveryGaps(channelId: string, mark: bigint): Promise<void> {
  try {
    const found = await countDeliveryGapsAfter(channelId, mark);
    if (found === 0) return;
    logger.warn("reconciliation found messages no webhook delivered", { channelId, found });
    await notifyAdmins({ channelId, kind: "channel.delivery_gaps", found });
  } catch (error) {
    // The repaired messages are stored; a notice that could not be written must not fail the pass.
    logger.error("could not notify admins of delivery gaps", { channelId, error });
  }
}

/** Updates about messages that never arrived (older than Meta lets us read) are not kept forever. */
const PENDING_UPDATE_RETENTION_DAYS = 30;

async function prunePendingMessageUpdates(channelId: string): Promise<void> {
  await db.$executeRaw`
    DELETE FROM pending_message_updates
     WHERE channel_id = ${channelId}::uuid AND created_at < now() - make_interval(days => ${PENDING_UPDATE_RETENTION_DAYS})`;
}

async function closeRun(runId: string, channelId: string, accountId: string, status: "SUCCEEDED" | "FAILED" | "CANCELLED", error: string | null, watermark: Date | null): Promise<void> {
  await db.$transaction(async (tx) => {
    const done = await tx.syncRun.update({ where: { id: runId }, data: { status, error, finishedAt: new Date(), cursor: null }, select: { conversationsDone: true } });
    if (status === "SUCCEEDED") {
      await tx.syncRun.update({ where: { id: runId }, data: { conversationsTotal: done.conversationsDone } });
      await tx.channel.update({ where: { id: channelId }, data: { lastSyncedAt: new Date(), syncStatus: "IDLE", ...(watermark ? { reconcileWatermark: watermark } : {}) } });
    }
    await publishRealtime([{ type: "channel.updated", accountId, channelId }], tx);
  });
}
