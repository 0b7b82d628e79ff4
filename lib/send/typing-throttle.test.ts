import { describe, expect, it } from "vitest";
import { TypingThrottle } from "./typing-throttle";

describe("typing throttle", () => {
  it("lets one typing_on per conversation through per interval", () => {
    const throttle = new TypingThrottle(() => 5_000);
    expect(throttle.tryAcquire("a", 0)).toBe(true);
    expect(throttle.tryAcquire("a", 4_999)).toBe(false);
    expect(throttle.tryAcquire("b", 4_999)).toBe(true);
    expect(throttle.tryAcquire("a", 5_000)).toBe(true);
  });
});

describe("typing throttle at its edges", () => {
  it("reads the interval on every call (tests and settings can change it)", () => {
    let interval = 5_000;
    const throttle = new TypingThrottle(() => interval);
    expect(throttle.tryAcquire("a", 0)).toBe(true);
    interval = 1_000;
    expect(throttle.tryAcquire("a", 1_000)).toBe(true);
    expect(throttle.tryAcquire("a", 1_999)).toBe(false);
  });

  it("past 10,000 conversations it forgets the expired ones, and only those", () => {
    const throttle = new TypingThrottle(() => 5_000);
    for (let i = 0; i < 10_000; i++) throttle.tryAcquire(`old-${i}`, 0);
    throttle.tryAcquire("recent", 4_000);
    // The 10,001st entry triggers the prune at 5,000: the old ones expired, "recent" did not.
    const size = (t: TypingThrottle) => (t as unknown as { last: Map<string, number> }).last.size;
    expect(size(throttle)).toBe(10_001);
    expect(throttle.tryAcquire("trigger", 5_000)).toBe(true);
    expect(size(throttle)).toBe(2);
    expect(throttle.tryAcquire("recent", 5_000)).toBe(false);
    expect(throttle.tryAcquire("old-1", 5_000)).toBe(true);
  });
});
