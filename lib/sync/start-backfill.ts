import "server-only";
import { db, type Tx } from "@/lib/db";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { publishRealtime } from "@/lib/realtime/publish";
import { backfillKey, SYNC_QUEUES } from "./sync-queues";

/**
 * Queues a backfill of a channel (a SyncRun with its durable job), unless one is already queued or running.
 * Returns the run's id. Inside a transaction (pass `tx`) the run and its job exist only if it commits.
 */
export async function startBackfill(channelId: string, tx?: Tx): Promise<string> {
  const work = async (t: Tx) => {
    const channel = await t.channel.findUniqueOrThrow({ where: { id: channelId }, select: { accountId: true } });
    const active = await t.syncRun.findFirst({ where: { channelId, kind: "BACKFILL", status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true } });
    if (active) return active.id;
    const run = await t.syncRun.create({ data: { channelId, kind: "BACKFILL", status: "QUEUED" } });
    await t.channel.update({ where: { id: channelId }, data: { syncStatus: "BACKFILLING" } });
    await enqueueJob(SYNC_QUEUES.backfill, { syncRunId: run.id, channelId }, { singletonKey: backfillKey(channelId), maxAttempts: 25 }, t);
    await publishRealtime([{ type: "channel.updated", accountId: channel.accountId, channelId }], t);
    return run.id;
  };
  return tx ? work(tx) : db.$transaction(work);
}
