import { describe, expect, it } from "vitest";
import { syncProgress, type SyncRunFacts } from "./sync-progress";

const run = (over: Partial<SyncRunFacts>): SyncRunFacts => ({
  kind: "BACKFILL",
  status: "RUNNING",
  conversationsDone: 0,
  conversationsTotal: null,
  messagesImported: 0,
  startedAt: new Date("2026-11-20T12:00:00Z"),
  finishedAt: null,
  error: null,
  ...over,
});
const now = new Date("2026-11-20T12:00:10Z");

describe("syncProgress", () => {
  it("has no total, fraction or time left during a first backfill, but a rate", () => {
    const p = syncProgress(run({ conversationsDone: 100 }), null, now);
    expect(p).toMatchObject({ done: 100, total: null, fraction: null, ratePerSecond: 10, secondsLeft: null, totalIsEstimate: false });
  });

  it("estimates from the previous run's total", () => {
    const p = syncProgress(run({ conversationsDone: 100 }), 400, now);
    expect(p).toMatchObject({ total: 400, totalIsEstimate: true, fraction: 0.25, ratePerSecond: 10, secondsLeft: 30 });
    // More conversations than last time: the total follows.
    expect(syncProgress(run({ conversationsDone: 500 }), 400, now)).toMatchObject({ total: 500, fraction: 1, secondsLeft: 0 });
  });

  it("is complete when the run succeeded", () => {
    const p = syncProgress(run({ status: "SUCCEEDED", conversationsDone: 41, conversationsTotal: 41, finishedAt: new Date("2026-11-20T12:00:20Z") }), null, now);
    expect(p).toMatchObject({ done: 41, total: 41, fraction: 1, totalIsEstimate: false, secondsLeft: null });
    expect(p.ratePerSecond).toBeCloseTo(2.05);
  });
});
