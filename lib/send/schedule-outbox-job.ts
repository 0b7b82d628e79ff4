import "server-only";
import type { Tx } from "@/lib/db";
import { enqueueJob, JOBS_CHANNEL } from "@/lib/jobs/enqueue-job";
import { SEND_DELIVER_QUEUE } from "./send-queue";

/**
 * Makes the message's outbox job due at `runAt`: enqueues it, or moves the one already queued (the safety
 * net enqueued with the message is due only after a whole attempt lease; a backoff of 2 s must not wait for
 * it). A job running right now reschedules itself from the message's `nextAttemptAt`.
 */
export async function scheduleOutboxJob(tx: Tx, messageId: string, runAt: Date): Promise<void> {
  const id = await enqueueJob(SEND_DELIVER_QUEUE, { messageId }, { singletonKey: messageId, runAt }, tx);
  if (id !== null) return;
  await tx.$queryRaw`
    WITH moved AS (
      UPDATE jobs SET run_at = ${runAt}
       WHERE queue = ${SEND_DELIVER_QUEUE} AND singleton_key = ${messageId} AND status = 'QUEUED'
       RETURNING id
    )
    SELECT pg_notify(${JOBS_CHANNEL}, ${SEND_DELIVER_QUEUE})::text AS notified FROM moved`;
}
