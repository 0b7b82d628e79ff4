// Meta counts a Page's Conversations API calls whichever process makes them: two processes pacing on their own
// would each take the whole rate. Two SharedPacers stand for two processes here (each with its own local Pacer,
// as each process has); only Postgres connects them.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { pool } from "@/lib/db";
import { SharedPacer } from "./shared-pacer";

const RATE = 10; // calls/s: 100 ms apart

describe("Conversations API pacing shared through Postgres", () => {
  it("two processes calling for the same Page share its rate: 10 calls take 9 intervals, not 4", async () => {
    const owner = `page-${randomUUID()}`;
    const processA = new SharedPacer(pool, RATE);
    const processB = new SharedPacer(pool, RATE);
    const started = Date.now();
    await Promise.all([processA, processB].map(async (pacer) => {
      for (let i = 0; i < 5; i++) await pacer.acquire(owner);
    }));
    // Each alone would be done after 4 intervals (400 ms); sharing, the tenth call starts 900 ms after the first.
    expect(Date.now() - started).toBeGreaterThanOrEqual(880);
  });

  it("a pause Meta asked of one process holds the others too", async () => {
    const owner = `page-${randomUUID()}`;
    const processA = new SharedPacer(pool, RATE);
    const processB = new SharedPacer(pool, RATE);
    await processA.acquire(owner);
    await processA.pause(owner, 700);
    const started = Date.now();
    await processB.acquire(owner);
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
  });

  it("other Pages are not held back", async () => {
    const processA = new SharedPacer(pool, 0.5); // one call every 2 s
    const busy = `page-${randomUUID()}`;
    await processA.acquire(busy);
    const started = Date.now();
    await new SharedPacer(pool, 0.5).acquire(`page-${randomUUID()}`);
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});
