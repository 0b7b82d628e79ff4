// A batch's realtime events go out as few NOTIFYs as Postgres' payload limit allows, every event exactly once,
// and only when the transaction commits.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { MAX_REALTIME_PAYLOAD_BYTES, REALTIME_CHANNEL, realtimeEventsOf, type RealtimeEvent } from "@/lib/realtime/events";
import { RealtimeBatch } from "./realtime-batch";

let listener: pg.Client;
const payloads: string[] = [];

beforeAll(async () => {
  listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await listener.connect();
  listener.on("notification", (n) => n.payload && payloads.push(n.payload));
  await listener.query(`LISTEN ${REALTIME_CHANNEL}`);
});
afterAll(() => listener.end());

const settle = async () => {
  await listener.query("SELECT 1");
  await new Promise((r) => setTimeout(r, 50));
};

describe("RealtimeBatch", () => {
  it("publishes 600 events in a handful of NOTIFYs under the payload limit, each once, at commit", async () => {
    const ids = Array.from({ length: 300 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
    const batch = new RealtimeBatch();
    for (const id of ids) {
      batch.message("acc", "chan", id, id);
      batch.conversation("acc", "chan", id);
      batch.conversation("acc", "chan", id); // twice in a batch: once on the wire
    }
    expect(batch.size).toBe(600);
    await db.$transaction(async (tx) => {
      await batch.publish(tx);
      await settle();
      expect(payloads).toEqual([]); // nothing before the commit
    });
    await settle();
    expect(payloads.length).toBeGreaterThan(1);
    expect(payloads.length).toBeLessThan(20);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(MAX_REALTIME_PAYLOAD_BYTES);
    const events: RealtimeEvent[] = payloads.flatMap(realtimeEventsOf);
    expect(events).toHaveLength(600);
    expect(new Set(events.map((e) => JSON.stringify(e))).size).toBe(600);
    payloads.length = 0;

    // A rolled-back transaction publishes nothing.
    const lost = new RealtimeBatch();
    lost.conversation("acc", "chan", ids[0]!);
    lost.conversation("acc", "chan", ids[1]!);
    await expect(
      db.$transaction(async (tx) => {
        await lost.publish(tx);
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    await settle();
    expect(payloads).toEqual([]);
  });
});
