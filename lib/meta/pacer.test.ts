import { describe, expect, it, vi } from "vitest";
import { fakeClock } from "./fake-clock.test-support";
import { Pacer, realClock } from "./pacer";

/** The fake clock, refusing a sleep no timer could honour (NaN, infinite or negative): the pacer never asks one. */
function strictClock(start = 0) {
  const clock = fakeClock(start);
  const sleep = clock.sleep;
  clock.sleep = (ms) => (Number.isFinite(ms) && ms >= 0 ? sleep(ms) : Promise.reject(new Error(`sleep(${ms})`)));
  return clock;
}

/** Timers of vitest's fake clock, recording each wait. */
function timerClock() {
  const sleeps: number[] = [];
  return { sleeps, now: () => Date.now(), sleep: (ms: number) => (sleeps.push(ms), new Promise<void>((resolve) => setTimeout(resolve, ms))) };
}

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

  it("a shorter pause never cuts a longer one short", async () => {
    const clock = strictClock();
    const pacer = new Pacer(2, clock);
    pacer.pause("a", 60_000);
    clock.time += 10_000;
    pacer.pause("a", 1_000);
    await pacer.acquire("a");
    expect(clock.time).toBe(60_000);
  });

  it("a later, longer pause extends the current one", async () => {
    const clock = strictClock();
    const pacer = new Pacer(2, clock);
    pacer.pause("a", 1_000);
    pacer.pause("a", 5_000);
    await pacer.acquire("a");
    expect(clock.time).toBe(5_000);
  });

  it("a pause holds back only its owner", async () => {
    const clock = strictClock();
    const pacer = new Pacer(2, clock);
    pacer.pause("a", 60_000);
    await pacer.acquire("b");
    expect(clock.sleeps).toEqual([]);
  });

  it.each([0, -5_000, Number.NaN, Number.POSITIVE_INFINITY])("a pause of %d ms changes nothing", async (ms) => {
    const clock = strictClock();
    const pacer = new Pacer(2, clock);
    pacer.pause("a", ms);
    await pacer.acquire("a");
    await pacer.acquire("a");
    expect(clock.sleeps).toEqual([500]);
  });

  it.each([0, -1, Number.NaN])("refuses a rate of %d calls per second", (rate) => {
    expect(() => new Pacer(rate, fakeClock())).toThrow(/rate must be positive/);
  });

  it("paces a rate below one call per second", async () => {
    const clock = strictClock();
    const pacer = new Pacer(0.5, clock);
    await pacer.acquire("a");
    await pacer.acquire("a");
    expect(clock.sleeps).toEqual([2_000]);
  });

  it("after a late start the next caller waits once, straight to the slot a full interval later", async () => {
    const clock = strictClock();
    const sleep = clock.sleep;
    const late = [120]; // the first timer fires 120 ms late
    clock.sleep = async (ms) => {
      await sleep(ms);
      clock.time += late.shift() ?? 0;
    };
    const pacer = new Pacer(2, clock);
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) {
      await pacer.acquire("a");
      starts.push(clock.time);
    }
    expect(starts).toEqual([0, 620, 1_120]);
    expect(clock.sleeps).toEqual([500, 500]);
  });

  it("a caller arriving while others queue is given the slot after theirs at once", async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const clock = timerClock();
      const pacer = new Pacer(2, clock);
      const starts: number[] = [];
      const started = (p: Promise<void>) => p.then(() => starts.push(Date.now()));
      const queued = [started(pacer.acquire("a")), started(pacer.acquire("a")), started(pacer.acquire("a"))];
      await vi.advanceTimersByTimeAsync(700); // the second caller started at 500, the third waits for 1000
      const waitsBefore = clock.sleeps.length;
      queued.push(started(pacer.acquire("a")));
      await vi.runAllTimersAsync();
      await Promise.all(queued);
      expect(starts).toEqual([0, 500, 1_000, 1_500]);
      expect(clock.sleeps.slice(waitsBefore)).toEqual([800]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("the real clock reads the system time and sleeps with a timer", async () => {
    vi.useFakeTimers({ now: 5_000 });
    try {
      expect(realClock.now()).toBe(5_000);
      let woke = false;
      void realClock.sleep(300).then(() => (woke = true));
      await vi.advanceTimersByTimeAsync(299);
      expect(woke).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(woke).toBe(true);
    } finally {
      vi.useRealTimers();
    }
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
