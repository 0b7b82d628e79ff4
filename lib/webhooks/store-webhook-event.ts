import "server-only";
import { pool } from "@/lib/db";
import { logger } from "@/lib/logger";
import { WEBHOOKS_CHANNEL } from "./webhook-channel";

/**
 * Stores a verified webhook body exactly as received, once (a redelivery of the same bytes has the same
 * signature and is a no-op) — the only database work before Meta gets its 200. Returns false for a duplicate.
 *
 * Group commit: POSTs that arrive while earlier inserts are in flight are stored together in one multi-row
 * INSERT as soon as a slot frees up. At low load a POST is inserted at once (nothing waits for company);
 * under a burst, one statement and one commit serve many POSTs. Every caller is answered only after its own
 * row is committed, so nothing acknowledged can be lost.
 *
 * The processors are woken by NOTIFY, but not inside the INSERT's transaction: Postgres serialises the commits
 * of notifying transactions, which would cap the receiver's throughput under concurrency. Wake-ups are sent
 * after the commit and coalesced (one in flight, one more if events arrived meanwhile); a wake-up lost in a
 * crash is covered by the processors' poll.
 */
export function storeWebhookEvent(body: string, signature: string, itemCount = 1): Promise<boolean> {
  return new Promise<boolean>((resolve, reject) => {
    waiting.push({ body, signature, itemCount, resolve, reject });
    flush();
  });
}

interface Waiting {
  body: string;
  signature: string;
  itemCount: number;
  resolve(stored: boolean): void;
  reject(error: unknown): void;
}

/** Inserts in flight at once (the pool has 10 connections; the rest serve the app and the processors). */
const MAX_INSERTS_IN_FLIGHT = 6;
/** Rows per statement: bounded so one statement stays small (Meta's bodies are up to a few hundred kB). */
const MAX_ROWS_PER_INSERT = 200;

let waiting: Waiting[] = [];
let inFlight = 0;

function flush(): void {
  while (inFlight < MAX_INSERTS_IN_FLIGHT && waiting.length > 0) {
    const batch = waiting.slice(0, MAX_ROWS_PER_INSERT);
    waiting = waiting.slice(batch.length);
    inFlight++;
    void insertBatch(batch).finally(() => {
      inFlight--;
      flush();
    });
  }
}

async function insertBatch(batch: Waiting[]): Promise<void> {
  try {
    // One parameter per value (not arrays): Postgres need not parse megabytes of array literals.
    const values = batch.map((_, i) => `($${3 * i + 1}, $${3 * i + 2}, $${3 * i + 3}::int)`).join(", ");
    const { rows } = await pool.query<{ signature: string }>(
      `INSERT INTO webhook_events (body, signature, item_count) VALUES ${values} ON CONFLICT (signature) DO NOTHING RETURNING signature`,
      batch.flatMap((w) => [w.body, w.signature, w.itemCount]),
    );
    // Within one statement a repeated signature is stored once: the first of them reports "stored".
    const stored = new Set(rows.map((r) => r.signature));
    for (const w of batch) {
      w.resolve(stored.delete(w.signature));
    }
    if (rows.length > 0) wakeProcessors();
  } catch (error) {
    for (const w of batch) w.reject(error);
  }
}

/**
 * Whether POSTs of this process are waiting for their insert (all insert slots busy). A webhook processor in the
 * same process steps aside meanwhile: Meta's acknowledgement comes first (lib/webhooks/webhook-processor.ts).
 */
export function receiverIsBacklogged(): boolean {
  return waiting.length > 0;
}

let notifying = false;
let wakeAgain = false;

function wakeProcessors(): void {
  if (notifying) {
    wakeAgain = true;
    return;
  }
  notifying = true;
  pool
    .query("SELECT pg_notify($1, '')", [WEBHOOKS_CHANNEL])
    .catch((error: unknown) => logger.warn("could not wake the webhook processors (they poll)", { error }))
    .finally(() => {
      notifying = false;
      if (wakeAgain) {
        wakeAgain = false;
        wakeProcessors();
      }
    });
}
