import "server-only";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";

/**
 * Records when the newest webhook naming each channel was received (`channels.last_webhook_at`), after the
 * batch that applied them committed — outside its transaction, so the hot channel rows are never held locked
 * while a batch runs, and only moving forward (several processors may finish out of order). A failure here is
 * logged, never allowed to fail the batch: this is a health signal, not data.
 */
export async function recordWebhooksReceived(channelIds: Iterable<string>, receivedAt: Date | null): Promise<void> {
  const ids = [...channelIds];
  if (ids.length === 0 || !receivedAt) return;
  try {
    await db.$executeRaw`
      UPDATE channels SET last_webhook_at = ${receivedAt}
       WHERE id = ANY(${ids}::uuid[]) AND (last_webhook_at IS NULL OR last_webhook_at < ${receivedAt})`;
  } catch (error) {
    logger.warn("could not record the last webhook time", { channels: ids.length, error });
  }
}
