import "server-only";
import { db } from "@/lib/db";

/**
 * Marks a queued singleton job done without running it — for safety-net jobs whose work the request
 * already finished (e.g. the outbox job of a message the inline attempt settled). A job already claimed
 * by a worker is left alone; its handler finds nothing to do.
 */
export async function completeQueuedJob(queue: string, singletonKey: string): Promise<boolean> {
  const count = await db.$executeRaw`
    UPDATE jobs SET status = 'DONE', finished_at = now()
     WHERE queue = ${queue} AND singleton_key = ${singletonKey} AND status = 'QUEUED'`;
  return count > 0;
}
