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
