import "server-only";
import { db, sqlTransaction, type SqlClient } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { RealtimeBatch } from "@/lib/sync/realtime-batch";
import { isItemFault, recordSyncFailures } from "@/lib/sync/sync-failures";
import { recordWebhooksReceived } from "@/lib/health/record-webhooks-received";
import { applyWebhookBatch, channelKey, findWebhookChannels } from "./apply-webhook-batch";
import { readWebhookEnvelope, webhookItems, type WebhookItem } from "./parse-webhook";

/** A stored event whose processing failed this many times (for a passing reason) is set aside as FAILED. */
const MAX_ATTEMPTS = 5;

/**
 * Items per transaction when nothing is waiting behind them. Measured on this 2-core machine under load (README,
 * Performance): a batch of 250 commits in 0.3–0.4 s; 50 or 100 items spend most of their time in round trips.
 */
export const DEFAULT_BATCH_ITEMS = 250;
/**
 * Items per transaction while a backlog drains: about 1.4 × the throughput of 250-item batches, each still
 * committed (visible) within about a second here; larger ones hold their locks — and the agents' view of the
 * burst — longer than they save.
 */
export const BACKLOG_BATCH_ITEMS = 1_000;

export interface ProcessOptions {
  /** Most events claimed at once (default: as many as the item budget could hold). */
  limit?: number;
  /** Most items per transaction; an event with more items than this is taken alone. */
  maxItems?: number;
  ourAppId?: string;
}

interface StoredEvent {
  id: bigint;
  body: string;
  attempts: number;
  received_at: Date;
}

/** What a committed batch tells the health page: which channels had webhooks, and when the newest arrived. */
interface Received {
  channels: Set<string>;
  at: Date | null;
}

const newReceived = (): Received => ({ channels: new Set(), at: null });
function noteReceived(received: Received, events: StoredEvent[]): void {
  for (const e of events) if (!received.at || e.received_at > received.at) received.at = e.received_at;
}

/**
 * Processes stored webhook events (oldest first) in one bounded transaction: the events are claimed with
 * FOR UPDATE SKIP LOCKED, so several processes share the work and a crash rolls everything back to RECEIVED.
 * Returns how many events and items it processed (0 events = nothing pending).
 *
 * A batch that fails is retried event by event, and an event item by item, so one poisonous item cannot hold
 * back the others: an item the database refuses for what it is (bad data, a limit, a refusal) is set aside
 * in sync_failures — admins see it on the Channels page — and its event counts as processed. Failures of the
 * moment (connection, deadlock, timeout) leave the event to be retried, FAILED after 5 attempts.
 */
export async function processWebhookBatch(options: ProcessOptions = {}): Promise<{ events: number; items: number }> {
  const maxItems = options.maxItems ?? DEFAULT_BATCH_ITEMS;
  const limit = options.limit ?? maxItems;
  const ourAppId = options.ourAppId ?? env().META_APP_ID;
  try {
    const received = newReceived();
    const done = await withDeadlockRetry(() => {
      received.channels.clear();
      return sqlTransaction((tx) => processClaimed(tx, { limit, maxItems, ourAppId }, received));
    });
    await recordWebhooksReceived(received.channels, received.at);
    return done;
  } catch (error) {
    logger.warn("webhook batch failed; processing its events one by one", { error });
  }
  const pending = await db.$queryRaw<{ id: bigint }[]>`SELECT id FROM webhook_events WHERE status = 'RECEIVED' ORDER BY id LIMIT ${limit}`;
  let items = 0;
  const received = newReceived();
  for (const { id } of pending) {
    try {
      const seen = newReceived();
      items += await withDeadlockRetry(() => sqlTransaction((tx) => processOneEvent(tx, id, ourAppId, seen)));
      for (const channel of seen.channels) received.channels.add(channel);
      if (seen.at && (!received.at || seen.at > received.at)) received.at = seen.at;
    } catch (error) {
      await recordFailure(id, error);
    }
  }
  await recordWebhooksReceived(received.channels, received.at);
  return { events: pending.length, items };
}

/** processWebhookBatch, answering how many events it processed. */
export async function processWebhookEvents(options: ProcessOptions = {}): Promise<number> {
  return (await processWebhookBatch(options)).events;
}

async function processClaimed(tx: SqlClient, options: { limit: number; maxItems: number; ourAppId: string }, received: Received): Promise<{ events: number; items: number }> {
  // Locks up to `limit` events and takes the oldest whose items fit the budget (at least one event), marking them
  // processed in the same statement: the mark commits with what they did, or rolls back with it. Locked rows
  // past the budget stay RECEIVED and are free again at commit.
  const events = await tx.$queryRaw<StoredEvent[]>`
    WITH claimed AS (
      SELECT id, item_count FROM webhook_events WHERE status = 'RECEIVED' ORDER BY id LIMIT ${options.limit} FOR UPDATE SKIP LOCKED
    ), sized AS (
      SELECT id FROM (SELECT id, item_count, sum(item_count) OVER (ORDER BY id) - item_count AS items_before FROM claimed) s
       WHERE items_before = 0 OR items_before + item_count <= ${options.maxItems}
    )
    UPDATE webhook_events e SET status = 'PROCESSED', processed_at = now(), attempts = e.attempts + 1, last_error = NULL
      FROM sized WHERE e.id = sized.id
    RETURNING e.id, e.body, e.attempts, e.received_at`;
  if (events.length === 0) return { events: 0, items: 0 };
  const items = events.sort((a, b) => (a.id < b.id ? -1 : 1)).flatMap((event) => readItems(event));
  const realtime = new RealtimeBatch();
  noteReceived(received, events);
  await applyWebhookBatch(tx, items, { ourAppId: options.ourAppId, realtime, channelsSeen: received.channels });
  await realtime.publish(tx);
  return { events: events.length, items: items.length };
}

/** One event in its own transaction: whole if it can, else item by item, each under a savepoint. */
async function processOneEvent(tx: SqlClient, id: bigint, ourAppId: string, received: Received): Promise<number> {
  const [event] = await tx.$queryRaw<StoredEvent[]>`
    SELECT id, body, attempts, received_at FROM webhook_events WHERE id = ${id.toString()}::bigint AND status = 'RECEIVED' FOR UPDATE SKIP LOCKED`;
  if (!event) return 0;
  const items = readItems(event);
  // Events of a savepoint that rolled back are never published: each attempt collects its own.
  const realtime = new RealtimeBatch();
  noteReceived(received, [event]);
  const whole = await attempt(tx, "whole_event", () => applyWebhookBatch(tx, items, { ourAppId, realtime, channelsSeen: received.channels }));
  if (!whole.ok) {
    realtime.clear();
    if (!isItemFault(whole.error)) throw whole.error;
    const refused: { item: WebhookItem; error: unknown }[] = [];
    for (const item of items) {
      const own = new RealtimeBatch();
      const one = await attempt(tx, "one_item", () => applyWebhookBatch(tx, [item], { ourAppId, realtime: own, channelsSeen: received.channels }));
      if (one.ok) realtime.merge(own);
      else if (isItemFault(one.error)) refused.push({ item, error: one.error });
      else throw one.error;
    }
    const channels = await findWebhookChannels(tx, refused.map((r) => r.item));
    await recordSyncFailures(
      refused.flatMap(({ item, error }) => {
        const channel = channels.get(channelKey(item.object, item.channelMetaId));
        if (!channel) return [];
        return [{ channelId: channel.id, source: "WEBHOOK" as const, itemKey: "mid" in item ? item.mid : item.type, webhookEventId: event.id, error, detail: item }];
      }),
      tx,
    );
  }
  await realtime.publish(tx);
  await markProcessed(tx, [event.id]);
  return items.length;
}

/** Runs `work` under a savepoint: on failure the transaction is back where it was, and usable. */
async function attempt(tx: SqlClient, name: string, work: () => Promise<void>): Promise<{ ok: true } | { ok: false; error: unknown }> {
  await tx.$executeRawUnsafe(`SAVEPOINT ${name}`);
  try {
    await work();
    await tx.$executeRawUnsafe(`RELEASE SAVEPOINT ${name}`);
    return { ok: true };
  } catch (error) {
    await tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT ${name}`);
    return { ok: false, error };
  }
}

function readItems(event: StoredEvent): WebhookItem[] {
  const read = readWebhookEnvelope(event.body);
  if (!read.ok) {
    // The receiver only stores envelopes that read; this is a stored row someone edited by hand.
    logger.warn("stored webhook event is not an envelope; skipped", { eventId: event.id, reason: read.reason });
    return [];
  }
  const { items, ignored } = webhookItems(read.envelope);
  for (const skip of ignored) logger.info("webhook item ignored", { eventId: event.id, object: skip.object, entryId: skip.channelMetaId, reason: skip.reason });
  return items;
}

async function markProcessed(tx: SqlClient, ids: bigint[]): Promise<void> {
  await tx.$executeRaw`
    UPDATE webhook_events SET status = 'PROCESSED', processed_at = now(), attempts = attempts + 1, last_error = NULL
     WHERE id = ANY(${ids.map((id) => id.toString())}::bigint[])`;
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

/** Two processes may wait on each other's new rows in a different order: Postgres aborts one; run it again. */
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
