import "server-only";
import type pg from "pg";
import { pool } from "@/lib/db";
import { listen, type Listening } from "@/lib/db-listen";
import type { BackgroundService } from "@/lib/jobs/background-service";
import { WakeSignal } from "@/lib/jobs/wake-signal";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { BACKLOG_BATCH_ITEMS, DEFAULT_BATCH_ITEMS, processWebhookBatch } from "./process-webhook-events";
import { receiverIsBacklogged } from "./store-webhook-event";
import { WEBHOOKS_CHANNEL } from "./webhook-channel";

/** Processed raw events are kept this long (for replays and support), then deleted. */
export const WEBHOOK_EVENT_RETENTION_DAYS = 14;
const PRUNE_EVERY_MS = 60 * 60_000;
/** While this process's receiver is backlogged, the processor waits up to this long before its next batch. */
const MAX_YIELD_MS = 50;

export interface WebhookProcessorOptions {
  /** Poll interval when no notification arrives (a missed NOTIFY, events left by a crashed instance). */
  pollIntervalMs?: number;
  /** Items per transaction, and while a backlog drains (lib/webhooks/process-webhook-events.ts). */
  batchItems?: number;
  backlogBatchItems?: number;
  /** Batches applied at once while a backlog drains (default WEBHOOK_PROCESSING_CONCURRENCY). */
  concurrency?: number;
  pool?: pg.Pool;
}

/**
 * The loop that turns stored webhook events into conversations and messages: woken by the NOTIFY of the
 * receiver (lib/webhooks/store-webhook-event.ts), it drains pending events in bounded batches — each committed
 * (and so visible to agents) on its own, within about a second: 250 items, 1,000 while a backlog drains — then
 * sleeps until the next notification or poll. One loop per process; processes share the work through row locks.
 *
 * While a backlog drains, the loop runs up to `concurrency` batches at once, each its own transaction: one batch
 * keeps one Postgres backend (one core) busy and waits on it, so a burst that arrives at once drains about twice
 * as fast with two (README, Performance). They claim different events (SKIP LOCKED) and lock the conversations
 * they share in id order (lib/sync/upsert-conversation.ts), as batches of two processes always have.
 *
 * Acknowledging Meta comes first: in a web process, the loop gives the event loop back between batches and
 * waits (briefly) while the receiver's inserts are backlogged. Where bursts are large, run the processing in
 * worker processes of their own (`npm run worker`, WORKER_ENABLED=false on the web instances).
 */
export class WebhookProcessor {
  private listener: Listening | null = null;
  private stopped = false;
  private readonly wakeSignal = new WakeSignal();
  private dirty = true;
  private loop: Promise<void> | null = null;
  private readonly pollIntervalMs: number;
  private readonly batchItems: number;
  private readonly backlogBatchItems: number;
  private readonly concurrency: number;
  /** Lanes running besides the first (drain). */
  private extraLanes = 0;
  /** The last batch was full: more is waiting, take bigger bites (throughput) until the queue is short again. */
  private backlog = false;
  private readonly pool: pg.Pool;
  private lastPrune = 0;
  /** Items per event of the last batch: how many events to claim so that a batch holds about `batchItems`. */
  private itemsPerEvent = 1;

  constructor(options: WebhookProcessorOptions = {}) {
    this.pollIntervalMs = options.pollIntervalMs ?? 5_000;
    this.batchItems = options.batchItems ?? DEFAULT_BATCH_ITEMS;
    this.backlogBatchItems = Math.max(this.batchItems, options.backlogBatchItems ?? BACKLOG_BATCH_ITEMS);
    this.concurrency = options.concurrency ?? env().WEBHOOK_PROCESSING_CONCURRENCY;
    this.pool = options.pool ?? pool;
  }

  async start(): Promise<void> {
    const wake = () => {
      this.dirty = true;
      this.wakeSignal.wake();
    };
    // Events stored while the connection was down announced themselves to nobody: look at once.
    this.listener = await listen({ channel: WEBHOOKS_CHANNEL, name: "inbox-webhooks", pool: this.pool, onNotify: wake, onReconnect: wake });
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeSignal.wake();
    await this.loop;
    await this.listener?.stop();
    this.listener = null;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.dirty = false;
      try {
        await this.drain();
        if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
          this.lastPrune = Date.now();
          await this.pool.query(
            `DELETE FROM webhook_events WHERE id IN (
               SELECT id FROM webhook_events WHERE status = 'PROCESSED' AND received_at < now() - make_interval(days => $1) LIMIT 10000)`,
            [WEBHOOK_EVENT_RETENTION_DAYS],
          );
        }
      } catch (error) {
        logger.error("webhook processing loop failed", { error });
        await new Promise((r) => setTimeout(r, 1_000));
      }
      if (this.dirty || this.stopped) continue;
      await this.wakeSignal.wait(this.pollIntervalMs);
    }
  }

  /** Processes until nothing is pending: one lane, and while a backlog lasts up to `concurrency` lanes at once. */
  private async drain(): Promise<void> {
    const lanes: Promise<void>[] = [];
    try {
      while (!this.stopped && (await this.batch()) > 0) {
        if (this.backlog && this.extraLanes < this.concurrency - 1) lanes.push(this.extraLane());
        await this.yieldToReceiver();
      }
    } finally {
      await Promise.all(lanes);
    }
  }

  /** A lane added for a backlog: it ends when the backlog is gone (the first lane takes what trickles in after). */
  private async extraLane(): Promise<void> {
    this.extraLanes++;
    try {
      while (!this.stopped && this.backlog && (await this.batch()) > 0) await this.yieldToReceiver();
    } catch (error) {
      // Its events stay RECEIVED (the transaction rolled back): the first lane or the next wake takes them.
      logger.error("webhook processing lane failed", { error });
    } finally {
      this.extraLanes--;
    }
  }

  /** One bounded batch; returns how many events it processed. */
  private async batch(): Promise<number> {
    const budget = this.backlog ? this.backlogBatchItems : this.batchItems;
    // Claim about as many events as the item budget holds (a few more: sizes vary); the budget is enforced anyway.
    const limit = Math.max(1, Math.min(budget, Math.ceil(budget / this.itemsPerEvent) + 2));
    const { events, items } = await processWebhookBatch({ maxItems: budget, limit });
    if (events > 0) this.itemsPerEvent = Math.max(1, items / events);
    this.backlog = items >= budget * 0.9 || (events > 0 && events >= limit);
    return events;
  }

  /** Lets pending I/O (incoming POSTs) run, and waits while this process's receiver is backlogged. */
  private async yieldToReceiver(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const until = Date.now() + MAX_YIELD_MS;
    while (receiverIsBacklogged() && Date.now() < until && !this.stopped) await new Promise((r) => setTimeout(r, 2));
  }
}

export const webhookProcessorService: BackgroundService = {
  name: "webhook-processor",
  async start() {
    const processor = new WebhookProcessor();
    await processor.start();
    return { stop: () => processor.stop() };
  },
};
