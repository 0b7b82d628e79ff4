import "server-only";
import type pg from "pg";
import { pool } from "@/lib/db";
import type { BackgroundService } from "@/lib/jobs/background";
import { logger } from "@/lib/logger";
import { processWebhookEvents } from "./process-webhook-events";
import { WEBHOOKS_CHANNEL } from "./webhook-channel";
import { WakeSignal } from "@/lib/jobs/wake-signal";

/** Processed raw events are kept this long (for replays and support), then deleted. */
export const WEBHOOK_EVENT_RETENTION_DAYS = 14;
const PRUNE_EVERY_MS = 60 * 60_000;

export interface WebhookProcessorOptions {
  /** Poll interval when no notification arrives (a missed NOTIFY, events left by a crashed instance). */
  pollIntervalMs?: number;
  batchSize?: number;
  pool?: pg.Pool;
}

/**
 * The loop that turns stored webhook events into conversations and messages: woken by the NOTIFY of the
 * receiver (lib/webhooks/store-webhook-event.ts), it drains pending events in batches, then sleeps until the
 * next notification or poll. One loop per process; instances share the work through row locks.
 */
export class WebhookProcessor {
  private listener: pg.PoolClient | null = null;
  private stopped = false;
  private readonly wakeSignal = new WakeSignal();
  private dirty = true;
  private loop: Promise<void> | null = null;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly pool: pg.Pool;
  private lastPrune = 0;

  constructor(options: WebhookProcessorOptions = {}) {
    this.pollIntervalMs = options.pollIntervalMs ?? 5_000;
    this.batchSize = options.batchSize ?? 50;
    this.pool = options.pool ?? pool;
  }

  async start(): Promise<void> {
    this.listener = await this.pool.connect();
    this.listener.on("notification", (message) => {
      if (message.channel !== WEBHOOKS_CHANNEL) return;
      this.dirty = true;
      this.wakeSignal.wake();
    });
    await this.listener.query(`LISTEN ${WEBHOOKS_CHANNEL}`);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeSignal.wake();
    await this.loop;
    if (this.listener) {
      await this.listener.query(`UNLISTEN ${WEBHOOKS_CHANNEL}`).catch(() => {});
      this.listener.release();
      this.listener = null;
    }
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.dirty = false;
      try {
        while (!this.stopped && (await processWebhookEvents({ limit: this.batchSize })) > 0) {
          /* drain */
        }
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
}

export const webhookProcessorService: BackgroundService = {
  name: "webhook-processor",
  async start() {
    const processor = new WebhookProcessor();
    await processor.start();
    return { stop: () => processor.stop() };
  },
};
