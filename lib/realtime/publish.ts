import "server-only";
import { db } from "@/lib/db";
import { REALTIME_CHANNEL, type RealtimeEvent } from "./events";

type Client = Pick<typeof db, "$executeRaw">;

/**
 * Publishes events with Postgres NOTIFY. Called inside the transaction that made the change, the
 * notification is delivered only if and when that transaction commits — listeners never hear of a change
 * that was rolled back, and every app instance sharing the database hears it.
 */
export async function publishRealtime(events: RealtimeEvent[], client: Client = db): Promise<void> {
  for (const event of events) {
    await client.$executeRaw`SELECT pg_notify(${REALTIME_CHANNEL}, ${JSON.stringify(event)})`;
  }
}
