import "server-only";
import { db, type SqlClient } from "@/lib/db";
import { MAX_REALTIME_PAYLOAD_BYTES, REALTIME_CHANNEL, type RealtimeEvent } from "./events";

type Client = Pick<SqlClient, "$executeRaw">;

/**
 * Publishes events with Postgres NOTIFY — all of them in one statement, however many a batch collected.
 * Called inside the transaction that made the change, the notifications are delivered only if and when that
 * transaction commits — listeners never hear of a change that was rolled back, and every app instance sharing
 * the database hears it.
 */
export async function publishRealtime(events: RealtimeEvent[], client: Client = db): Promise<void> {
  if (events.length === 0) return;
  await client.$executeRaw`SELECT pg_notify(${REALTIME_CHANNEL}, e) FROM unnest(${events.map((event) => JSON.stringify(event))}::text[]) AS e`;
}

/**
 * Publishes many events committed together (a webhook or sync batch) as few NOTIFY payloads as fit: JSON
 * arrays of events, each under Postgres' payload limit — one NOTIFY for a typical batch instead of one per
 * event. Listeners read both forms (realtimeEventsOf).
 */
export async function publishRealtimeBatch(events: RealtimeEvent[], client: Client = db): Promise<void> {
  if (events.length <= 1) return publishRealtime(events, client);
  const payloads: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const event of events) {
    const json = JSON.stringify(event);
    if (current.length > 0 && size + json.length + 1 > MAX_REALTIME_PAYLOAD_BYTES) {
      payloads.push(`[${current.join(",")}]`);
      current = [];
      size = 2;
    }
    current.push(json);
    size += json.length + 1;
  }
  payloads.push(`[${current.join(",")}]`);
  await client.$executeRaw`SELECT pg_notify(${REALTIME_CHANNEL}, p) FROM unnest(${payloads}::text[]) AS p`;
}
