// Webhook delivery to the app's callback URL: collect events for a few ms, group them by object and entry
// id into Meta envelopes, serialise in Meta's escaped-unicode form, sign exactly those bytes
// (X-Hub-Signature-256, legacy X-Hub-Signature), POST, retry with exponential backoff, optionally drop /
// duplicate / reorder (seeded), and keep a delivery log.

import { createHmac } from "node:crypto";
import type { SimulatorConfig } from "./config";
import { metaStringify } from "./meta-json";
import { Rng } from "./rng";

export type WebhookObject = "page" | "instagram";

export interface WebhookEvent {
  object: WebhookObject;
  /** Page id or IG account id. */
  entryId: string;
  /** Subscription field the event belongs to (messages, message_echoes, message_reads…). */
  field: string;
  placement: "messaging" | "standby";
  item: Record<string, unknown>;
}

export type DeliveryOutcome = "delivered" | "failed" | "gave_up" | "dropped" | "no_callback";

export interface DeliveryLogEntry {
  id: number;
  batchId: number;
  attempt: number;
  /** Simulated time of the attempt (ms). */
  at: number;
  url: string | null;
  outcome: DeliveryOutcome;
  status: number | null;
  error: string | null;
  durationMs: number;
  duplicate: boolean;
  object: WebhookObject;
  entryIds: string[];
  fields: string[];
  eventCount: number;
  /** The exact body sent (or that would have been sent). */
  body: string;
  signature256: string;
  signature1: string;
}

export interface VerificationResult {
  ok: boolean;
  url: string;
  at: number;
  status: number | null;
  body: string | null;
  error: string | null;
  challenge: string;
}

interface Batch {
  id: number;
  object: WebhookObject;
  body: string;
  entryIds: string[];
  fields: string[];
  eventCount: number;
  attempts: number;
  duplicate: boolean;
}

export function signBody(secret: string, body: string | Buffer): { sha256: string; sha1: string } {
  return {
    sha256: "sha256=" + createHmac("sha256", secret).update(body).digest("hex"),
    sha1: "sha1=" + createHmac("sha1", secret).update(body).digest("hex"),
  };
}

export class WebhookDispatcher {
  private pending: WebhookEvent[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private ready: Batch[] = [];
  private held: Batch | null = null;
  private heldTimer: NodeJS.Timeout | null = null;
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private readonly controllers = new Set<AbortController>();
  private inFlight = 0;
  private batchSeq = 0;
  private logSeq = 0;
  private closed = false;
  private waiters: Array<() => void> = [];
  private rng: Rng;
  log: DeliveryLogEntry[] = [];
  lastVerification: VerificationResult | null = null;
  counters = { enqueued: 0, delivered: 0, failedAttempts: 0, gaveUp: 0, dropped: 0, duplicated: 0, reordered: 0, noCallback: 0 };

  constructor(
    private readonly config: () => SimulatorConfig,
    private readonly now: () => number,
  ) {
    this.rng = new Rng(`webhooks:${config().faults.seed}`);
  }

  reseed(seed: number | string): void {
    this.rng = new Rng(`webhooks:${seed}`);
  }

  enqueue(event: WebhookEvent): void {
    if (this.closed) return;
    this.counters.enqueued++;
    const faults = this.config().faults.webhooks;
    if (this.rng.chance(faults.drop)) {
      this.counters.dropped++;
      const batch = this.makeBatches(event.object, [event])[0];
      if (batch) this.record(batch, "dropped", null, "dropped by fault injection", 0);
      return;
    }
    this.pending.push(event);
    if (!this.flushTimer) this.flushTimer = setTimeout(() => this.flush(), this.config().webhooks.batchWindowMs);
  }

  /** Groups pending events into envelopes and queues them. */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const events = this.pending;
    this.pending = [];
    if (events.length === 0) return this.settle();
    const byObject = new Map<WebhookObject, WebhookEvent[]>();
    for (const e of events) {
      const list = byObject.get(e.object) ?? [];
      list.push(e);
      byObject.set(e.object, list);
    }
    const faults = this.config().faults.webhooks;
    for (const [object, list] of byObject) {
      for (const batch of this.makeBatches(object, list)) {
        if (!this.config().app.callbackUrl) {
          this.counters.noCallback++;
          this.record(batch, "no_callback", null, "no callback URL configured", 0);
          continue;
        }
        const copies = [batch];
        if (this.rng.chance(faults.duplicate)) {
          this.counters.duplicated++;
          copies.push({ ...batch, id: ++this.batchSeq, attempts: 0, duplicate: true });
        }
        for (const b of copies) this.schedule(b, this.rng.chance(faults.reorder));
      }
    }
    this.pump();
    this.settle();
  }

  private schedule(batch: Batch, reorder: boolean): void {
    if (reorder && !this.held) {
      // Hold this batch until the next one has been queued (or a short while passes).
      this.counters.reordered++;
      this.held = batch;
      const holdMs = this.config().faults.webhooks.reorderHoldMs ?? Math.max(50, this.config().webhooks.batchWindowMs * 5);
      this.heldTimer = setTimeout(() => this.releaseHeld(), holdMs);
      return;
    }
    this.ready.push(batch);
    if (this.held) this.releaseHeld();
  }

  private releaseHeld(): void {
    if (this.heldTimer) clearTimeout(this.heldTimer);
    this.heldTimer = null;
    if (this.held) this.ready.push(this.held);
    this.held = null;
    this.pump();
    this.settle();
  }

  private makeBatches(object: WebhookObject, events: WebhookEvent[]): Batch[] {
    const max = Math.max(1, this.config().webhooks.maxEventsPerPost);
    const out: Batch[] = [];
    for (let i = 0; i < events.length; i += max) {
      const chunk = events.slice(i, i + max);
      const time = this.now();
      const entries: Array<{ id: string; time: number; messaging?: unknown[]; standby?: unknown[] }> = [];
      const index = new Map<string, (typeof entries)[number]>();
      for (const e of chunk) {
        let entry = index.get(e.entryId);
        if (!entry) {
          entry = { id: e.entryId, time };
          index.set(e.entryId, entry);
          entries.push(entry);
        }
        const list = (entry[e.placement] ??= []);
        list.push(e.item);
      }
      const body = metaStringify({ object, entry: entries });
      out.push({
        id: ++this.batchSeq,
        object,
        body,
        entryIds: entries.map((e) => e.id),
        fields: [...new Set(chunk.map((e) => e.field))],
        eventCount: chunk.length,
        attempts: 0,
        duplicate: false,
      });
    }
    return out;
  }

  private pump(): void {
    const cfg = this.config().webhooks;
    while (!this.closed && this.inFlight < Math.max(1, cfg.concurrency) && this.ready.length > 0) {
      const batch = this.ready.shift() as Batch;
      this.inFlight++;
      void this.send(batch).finally(() => {
        this.inFlight--;
        this.pump();
        this.settle();
      });
    }
  }

  private async send(batch: Batch): Promise<void> {
    const cfg = this.config();
    const url = cfg.app.callbackUrl;
    if (!url) {
      this.record(batch, "no_callback", null, "no callback URL configured", 0);
      return;
    }
    batch.attempts++;
    const sig = signBody(cfg.app.secret, batch.body);
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "user-agent": "facebookexternalua",
      "x-hub-signature-256": sig.sha256,
    };
    if (cfg.webhooks.legacySha1) headers["x-hub-signature"] = sig.sha1;
    const controller = new AbortController();
    this.controllers.add(controller);
    const timer = setTimeout(() => controller.abort(), cfg.webhooks.timeoutMs);
    const started = performance.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(url, { method: "POST", headers, body: Buffer.from(batch.body, "utf8"), signal: controller.signal });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (e) {
      error = controller.signal.aborted ? `timeout after ${cfg.webhooks.timeoutMs} ms` : e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
    } finally {
      clearTimeout(timer);
      this.controllers.delete(controller);
    }
    const duration = Math.round(performance.now() - started);
    if (this.closed) return;
    if (error === null) {
      this.counters.delivered++;
      this.record(batch, "delivered", status, null, duration);
      return;
    }
    this.counters.failedAttempts++;
    if (batch.attempts >= cfg.webhooks.maxAttempts) {
      this.counters.gaveUp++;
      this.record(batch, "gave_up", status, error, duration);
      return;
    }
    this.record(batch, "failed", status, error, duration);
    const delay = Math.min(cfg.webhooks.maxRetryDelayMs, cfg.webhooks.initialRetryDelayMs * cfg.webhooks.retryFactor ** (batch.attempts - 1));
    const t = setTimeout(() => {
      this.retryTimers.delete(t);
      this.ready.push(batch);
      this.pump();
      this.settle();
    }, delay);
    this.retryTimers.add(t);
  }

  private record(batch: Batch, outcome: DeliveryOutcome, status: number | null, error: string | null, durationMs: number): void {
    const secret = this.config().app.secret;
    const sig = signBody(secret, batch.body);
    this.log.push({
      id: ++this.logSeq,
      batchId: batch.id,
      attempt: batch.attempts,
      at: this.now(),
      url: this.config().app.callbackUrl,
      outcome,
      status,
      error,
      durationMs,
      duplicate: batch.duplicate,
      object: batch.object,
      entryIds: batch.entryIds,
      fields: batch.fields,
      eventCount: batch.eventCount,
      body: batch.body,
      signature256: sig.sha256,
      signature1: sig.sha1,
    });
    const limit = this.config().webhooks.logLimit;
    if (this.log.length > limit) this.log.splice(0, this.log.length - limit);
  }

  idle(): boolean {
    return (
      this.pending.length === 0 &&
      this.flushTimer === null &&
      this.ready.length === 0 &&
      this.held === null &&
      this.inFlight === 0 &&
      this.retryTimers.size === 0
    );
  }

  queueState() {
    return {
      pendingEvents: this.pending.length,
      readyPosts: this.ready.length + (this.held ? 1 : 0),
      inFlight: this.inFlight,
      scheduledRetries: this.retryTimers.size,
      idle: this.idle(),
    };
  }

  private settle(): void {
    if (!this.idle()) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves true once nothing is pending, in flight or scheduled for retry; false on timeout. */
  drain(timeoutMs: number): Promise<boolean> {
    if (this.pending.length > 0) this.flush();
    if (this.idle()) return Promise.resolve(true);
    return new Promise((resolve) => {
      let done = false;
      const timer = setTimeout(() => {
        if (done) return;
        done = true;
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      const waiter = () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve(true);
      };
      this.waiters.push(waiter);
    });
  }

  /** Meta's verification GET (hub.mode=subscribe&hub.verify_token&hub.challenge). */
  async verify(): Promise<VerificationResult | null> {
    const cfg = this.config();
    const url = cfg.app.callbackUrl;
    if (!url) return null;
    const challenge = String(this.rng.int(100_000_000, 2_147_483_647));
    const u = new URL(url);
    u.searchParams.set("hub.mode", "subscribe");
    u.searchParams.set("hub.verify_token", cfg.app.verifyToken);
    u.searchParams.set("hub.challenge", challenge);
    const result: VerificationResult = { ok: false, url: u.toString(), at: this.now(), status: null, body: null, error: null, challenge };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), cfg.webhooks.timeoutMs);
    try {
      const res = await fetch(u, { method: "GET", headers: { "user-agent": "facebookplatform/1.0 (+http://developers.facebook.com)" }, signal: controller.signal });
      result.status = res.status;
      result.body = (await res.text()).slice(0, 500);
      result.ok = res.status === 200 && result.body.trim() === challenge;
      if (!result.ok) result.error = res.status === 200 ? "the response body is not the challenge" : `HTTP ${res.status}`;
    } catch (e) {
      result.error = controller.signal.aborted ? "timeout" : e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
    } finally {
      clearTimeout(timer);
    }
    this.lastVerification = result;
    return result;
  }

  clearLog(): void {
    this.log = [];
  }

  close(): void {
    this.closed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.heldTimer) clearTimeout(this.heldTimer);
    for (const t of this.retryTimers) clearTimeout(t);
    this.retryTimers.clear();
    for (const c of this.controllers) c.abort();
    this.pending = [];
    this.ready = [];
    this.held = null;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
