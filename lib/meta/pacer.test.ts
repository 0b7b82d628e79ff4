import { describe, expect, it, vi } from "vitest";
import { fakeClock } from "./fake-clock.test-support";
import { Pacer } from "./pacer";

describe("Pacer", () => {
  it("spaces calls of one owner evenly at the rate, with no burst", async () => {
    const clock = fakeClock(1_000);
    const pacer = new Pacer(2, clock);
    const starts: number[] = [];
    for (let i = 0; i < 5; i++) {
      await pacer.acquire("page-1");
      starts.push(clock.time);
    }
    expect(starts).toEqual([1_000, 1_500, 2_000, 2_500, 3_000]);
  });

  it("keeps owners independent", async () => {
    const clock = fakeClock();
    const pacer = new Pacer(2, clock);
    await pacer.acquire("a");
    await pacer.acquire("b");
    expect(clock.sleeps).toEqual([]);
  });

  it("does not wait when calls are already slower than the rate", async () => {
    const clock = fakeClock();
    const pacer = new Pacer(2, clock);
    await pacer.acquire("a");
    clock.time += 2_000;
    await pacer.acquire("a");
    expect(clock.sleeps).toEqual([]);
  });

  it("a pause holds the owner back for the whole period", async () => {
    const clock = fakeClock();
    const pacer = new Pacer(2, clock);
    await pacer.acquire("a");
    pacer.pause("a", 60_000);
    await pacer.acquire("a");
    expect(clock.time).toBe(60_000);
    await pacer.acquire("a");
    expect(clock.time).toBe(60_500);
  });

  it("keeps the full interval after a timer that fired late (a busy event loop)", async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const extra = [120]; // the first sleep (the second caller's) fires 120 ms late
      const clock = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms + (extra.shift() ?? 0))) };
      const pacer = new Pacer(2, clock);
      const starts: number[] = [];
      const queued = [pacer.acquire("a"), pacer.acquire("a"), pacer.acquire("a")].map((p) => p.then(() => starts.push(Date.now())));
      await vi.runAllTimersAsync();
      await Promise.all(queued);
      expect(starts).toEqual([0, 620, 1120]);
    } finally {
      vi.useRealTimers();
    }
  });
});
