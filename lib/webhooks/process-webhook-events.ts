import "server-only";
import { db, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { RealtimeBatch } from "@/lib/sync/realtime-batch";
import type { SyncChannel } from "@/lib/sync/upsert-conversation";
import { applyWebhookItem } from "./apply-webhook-item";
import { readWebhookEnvelope, webhookItems, type WebhookItem } from "./parse-webhook";

/** A stored event whose processing failed this many times is set aside as FAILED (replayable by hand). */
const MAX_ATTEMPTS = 5;

interface StoredEvent {
  id: bigint;
  body: string;
  attempts: number;
}

/**
 * Processes stored webhook events (oldest first) in one transaction: the events are claimed with
 * FOR UPDATE SKIP LOCKED, so several app instances share the work and a crash rolls everything back to
 * RECEIVED. Returns how many events were claimed (0 = nothing pending).
 *
 * A batch that fails is retried event by event, so one poisonous event cannot hold back the others.
 */
export async function processWebhookEvents(options: { limit?: number; ourAppId?: string } = {}): Promise<number> {
  const limit = options.limit ?? 50;
  const ourAppId = options.ourAppId ?? env().META_APP_ID;
  try {
    return await withDeadlockRetry(() => db.$transaction((tx) => processClaimed(tx, limit, ourAppId), { timeout: 60_000, maxWait: 10_000 }));
  } catch (error) {
    logger.warn("webhook batch failed; processing its events one by one", { error });
  }
  const pending = await db.$queryRaw<{ id: bigint }[]>`SELECT id FROM webhook_events WHERE status = 'RECEIVED' ORDER BY id LIMIT ${limit}`;
  for (const { id } of pending) {
    try {
      await withDeadlockRetry(() => db.$transaction((tx) => processClaimed(tx, 1, ourAppId, id), { timeout: 60_000, maxWait: 10_000 }));
    } catch (error) {
      await recordFailure(id, error);
    }
  }
  return pending.length;
}

async function processClaimed(tx: Tx, limit: number, ourAppId: string, onlyId?: bigint): Promise<number> {
  const events = onlyId
    ? await tx.$queryRaw<StoredEvent[]>`
        SELECT id, body, attempts FROM webhook_events WHERE id = ${onlyId.toString()}::bigint AND status = 'RECEIVED' FOR UPDATE SKIP LOCKED`
    : await tx.$queryRaw<StoredEvent[]>`
        SELECT id, body, attempts FROM webhook_events WHERE status = 'RECEIVED' ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
  if (events.length === 0) return 0;
  const realtime = new RealtimeBatch();
  const channels = new ChannelLookup(tx);
  for (const event of events) {
    const read = readWebhookEnvelope(event.body);
    if (!read.ok) {
      // The receiver only stores envelopes that read; this is a stored row someone edited by hand.
      logger.warn("stored webhook event is not an envelope; skipped", { eventId: event.id, reason: read.reason });
      continue;
    }
    const { items, ignored } = webhookItems(read.envelope);
    for (const skip of ignored) logger.info("webhook item ignored", { eventId: event.id, object: skip.object, entryId: skip.channelMetaId, reason: skip.reason });
    // Meta's time order within a POST (the rules below do not depend on it; it keeps the log readable).
    for (const item of [...items].sort(byTime)) {
      const channel = await channels.find(item.object, item.channelMetaId);
      if (!channel) {
        logger.info("webhook for a Page or Instagram account we do not serve; ignored", { eventId: event.id, object: item.object, entryId: item.channelMetaId });
        continue;
      }
      await applyWebhookItem(tx, channel, item, { ourAppId, realtime });
    }
  }
  await realtime.publish(tx);
  await tx.$executeRaw`
    UPDATE webhook_events SET status = 'PROCESSED', processed_at = now(), attempts = attempts + 1, last_error = NULL
     WHERE id = ANY(${events.map((e) => e.id.toString())}::bigint[])`;
  return events.length;
}

async function recordFailure(id: bigint, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message.slice(0, 2000) : String(error);
  const [row] = await db.$queryRaw<{ attempts: number }[]>`
    UPDATE webhook_events
       SET attempts = attempts + 1, last_error = ${message},
           status = CASE WHEN attempts + 1 >= ${MAX_ATTEMPTS} THEN 'FAILED'::webhook_event_status ELSE status END
     WHERE id = ${id.toString()}::bigint RETURNING attempts`;
  logger.error("webhook event failed", { eventId: id, attempts: row?.attempts, error });
}

function byTime(a: WebhookItem, b: WebhookItem): number {
  return a.timestamp.getTime() - b.timestamp.getTime();
}

/** Channels by (object, entry id), read once per batch. Disconnected channels are not served. */
class ChannelLookup {
  private readonly cache = new Map<string, SyncChannel | null>();
  constructor(private readonly tx: Tx) {}

  async find(object: "page" | "instagram", metaId: string): Promise<SyncChannel | null> {
    const key = `${object}:${metaId}`;
    if (!this.cache.has(key)) {
      const channel = await this.tx.channel.findFirst({
        where: { platform: object === "instagram" ? "INSTAGRAM" : "MESSENGER", metaId, disconnectedAt: null },
        select: { id: true, accountId: true, platform: true, metaId: true, pageMetaId: true },
      });
      this.cache.set(key, channel);
    }
    return this.cache.get(key) ?? null;
  }
}

/** Two instances may lock the same conversations in a different order: Postgres aborts one; run it again. */
async function withDeadlockRetry<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (error) {
      const text = String((error as Error)?.message ?? error);
      if (i >= attempts || !/deadlock|40P01|could not serialize|40001/i.test(text)) throw error;
      await new Promise((r) => setTimeout(r, 20 * i + Math.random() * 50));
    }
  }
}
