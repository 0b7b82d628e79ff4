import { describe, expect, it } from "vitest";
import { WakeSignal } from "./wake-signal";

describe("WakeSignal", () => {
  it("a wait ends when woken, before its timeout", async () => {
    const signal = new WakeSignal();
    const started = Date.now();
    setTimeout(() => signal.wake(), 20);
    await signal.wait(5_000);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("a wait ends at its timeout without a wake", async () => {
    const started = Date.now();
    await new WakeSignal().wait(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it("a wake while busy is not lost: the next wait returns at once, once", async () => {
    const signal = new WakeSignal();
    signal.wake();
    signal.wake();
    const started = Date.now();
    await signal.wait(5_000);
    expect(Date.now() - started).toBeLessThan(100);
    const again = Date.now();
    await signal.wait(30);
    expect(Date.now() - again).toBeGreaterThanOrEqual(25);
  });
});
