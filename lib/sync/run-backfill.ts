import "server-only";
import { db } from "@/lib/db";
import type { JobContext } from "@/lib/jobs/job-worker";
import { logger } from "@/lib/logger";
import type { GraphClient } from "@/lib/meta/graph-client";
import { conversationsGraph, graph as processGraph } from "@/lib/meta/graph";
import { publishRealtime } from "@/lib/realtime/publish";
import { syncChannelComments } from "@/lib/comments/backfill-comments";
import { channelGraphAccess, recordChannelGraphProblem } from "./channel-graph-access";
import { nextReconcileWatermark } from "./reconcile-timing";
import { schedulePeriodicReconcile } from "./schedule-reconcile";
import { runSyncPass, SyncInterrupted } from "./sync-pass";
import type { BackfillPayload } from "./sync-queues";

/**
 * Job handler of `sync.backfill`: imports every conversation of a channel (lib/sync/sync-pass.ts), resuming
 * from the run's cursor when a previous attempt died. On success the channel becomes IDLE, its reconciliation
 * watermark is set and its periodic reconciliation scheduled. A token or permission error stops the run for
 * good (the channel shows "needs reconnect"); other failures are retried by the job worker with backoff.
 */
export async function runBackfill({ job, payload, signal }: JobContext<BackfillPayload>, injectedGraph?: GraphClient): Promise<void> {
  const { syncRunId } = payload;
  const run = await db.syncRun.findUnique({ where: { id: syncRunId }, select: { id: true, channelId: true, status: true, watermark: true } });
  if (!run || run.status === "SUCCEEDED" || run.status === "FAILED" || run.status === "CANCELLED") return;
  const access = await channelGraphAccess(run.channelId);
  if (!access) {
    await finish(run.channelId, syncRunId, "CANCELLED", "The channel is not connected (or its token needs a reconnect).");
    return;
  }
  const graph = injectedGraph ?? conversationsGraph(access.connection);
  await db.syncRun.update({ where: { id: syncRunId }, data: { status: "RUNNING", startedAt: run.status === "QUEUED" ? new Date() : undefined, heartbeatAt: new Date(), error: null } });
  try {
    const result = await runSyncPass({ runId: syncRunId, access, graph, kind: "backfill", since: null, signal });
    const channel = await db.channel.findUniqueOrThrow({ where: { id: run.channelId }, select: { reconcileWatermark: true } });
    await db.$transaction(async (tx) => {
      const done = await tx.syncRun.update({
        where: { id: syncRunId },
        data: { status: "SUCCEEDED", finishedAt: new Date(), cursor: null },
        select: { conversationsDone: true },
      });
      await tx.syncRun.update({ where: { id: syncRunId }, data: { conversationsTotal: done.conversationsDone } });
      await tx.channel.update({
        where: { id: run.channelId },
        data: {
          syncStatus: "IDLE",
          lastSyncedAt: new Date(),
          reconcileWatermark: nextReconcileWatermark(channel.reconcileWatermark, maxDate(run.watermark, result.newestUpdatedAt)),
        },
      });
      await publishRealtime([{ type: "channel.updated", accountId: access.channel.accountId, channelId: run.channelId }], tx);
    });
    await schedulePeriodicReconcile(run.channelId);
    // Comment reads are not the Conversations API: its 2 calls/s per Page does not apply (the client still
    // slows down on Meta's usage headers), so a connect's comment backfill does not hold the channel's jobs.
    await syncChannelComments(access, injectedGraph ?? processGraph(access.connection));
    logger.info("backfill finished", { channelId: run.channelId, syncRunId, conversations: result.conversations, messages: result.messagesInserted, graphCalls: result.graphCalls });
  } catch (error) {
    if (error instanceof SyncInterrupted) throw error;
    if (await recordChannelGraphProblem(run.channelId, error)) {
      await finish(run.channelId, syncRunId, "FAILED", (error as Error).message);
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    if (job.attempts >= job.maxAttempts) await finish(run.channelId, syncRunId, "FAILED", message);
    else await db.syncRun.update({ where: { id: syncRunId }, data: { error: message } });
    throw error;
  }
}

function maxDate(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

async function finish(channelId: string, syncRunId: string, status: "FAILED" | "CANCELLED", error: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.syncRun.update({ where: { id: syncRunId }, data: { status, error, finishedAt: new Date() } });
    const channel = await tx.channel.update({ where: { id: channelId }, data: { syncStatus: "FAILED" }, select: { accountId: true } });
    await publishRealtime([{ type: "channel.updated", accountId: channel.accountId, channelId }], tx);
  });
}
