// Integration tests: hear what a change published on the realtime channel (Postgres NOTIFY).
import pg from "pg";
import { REALTIME_CHANNEL, type RealtimeEvent } from "@/lib/realtime/events";

export async function listenRealtime() {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const received: RealtimeEvent[] = [];
  client.on("notification", (n) => received.push(JSON.parse(n.payload!) as RealtimeEvent));
  await client.query(`LISTEN ${REALTIME_CHANNEL}`);
  return {
    received,
    /** Waits for notifications already sent to arrive (NOTIFY is delivered at commit, asynchronously). */
    settle: async () => {
      await client.query("SELECT 1");
      await new Promise((r) => setTimeout(r, 50));
    },
    close: () => client.end(),
  };
}
