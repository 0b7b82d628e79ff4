// Per-owner pacing of Graph calls: at most `ratePerSecond` calls start per owner (a Page or IG account),
// spaced evenly, plus any pause the usage headers ask for. Meta's Conversations API allows 2 calls/s per Page
// (REFERENCE.md §6); pacing exactly at the rate keeps us under it without ever provoking a 613, which would
// lengthen the block. Pure apart from the injected clock and sleep.

export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: PacerClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** What the Graph client needs of a pacer: a slot before each call, and the pauses Meta asks for. */
export interface PacerLike {
  acquire(owner: string): Promise<void>;
  pause(owner: string, ms: number): void | Promise<void>;
}

export class Pacer implements PacerLike {
  /** Earliest start time of the next call, per owner. */
  private readonly nextSlot = new Map<string, number>();
  /** Calls may not start before this time, per owner (throttle pauses). */
  private readonly pausedUntil = new Map<string, number>();
  /** When the last call of each owner actually started. */
  private readonly lastStart = new Map<string, number>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly clock: PacerClock = realClock,
  ) {
    if (!(ratePerSecond > 0)) throw new Error("Pacer rate must be positive");
  }

  private get intervalMs() {
    return 1000 / this.ratePerSecond;
  }

  /** Reserves the next slot for `owner` and waits until it comes. Concurrent callers queue in order. */
  async acquire(owner: string): Promise<void> {
    const now = this.clock.now();
    const start = Math.max(now, this.nextSlot.get(owner) ?? 0, this.pausedUntil.get(owner) ?? 0);
    this.nextSlot.set(owner, start + this.intervalMs);
    if (start > now) await this.clock.sleep(start - now);
    // A timer fires late on a busy event loop; the call after it must still keep the full interval from the
    // moment this one really started, or two calls reach Meta closer together than the rate allows.
    for (;;) {
      const t = this.clock.now();
      const earliest = Math.max((this.lastStart.get(owner) ?? Number.NEGATIVE_INFINITY) + this.intervalMs, this.pausedUntil.get(owner) ?? 0);
      if (t >= earliest) {
        this.lastStart.set(owner, t);
        // A late start moves the next free slot with it, so the next caller waits once, straight to a slot that is free.
        this.nextSlot.set(owner, Math.max(this.nextSlot.get(owner) ?? 0, t + this.intervalMs));
        return;
      }
      await this.clock.sleep(earliest - t);
    }
  }

  /**
   * No call for `owner` starts within the next `ms` (Meta's regain-access estimate, a throttle error); a shorter
   * pause never cuts a longer one short. A duration that is not a finite number is ignored: NaN would stall the
   * owner's queue for good. (acquire() reads the pause directly, so the reserved slots need no update.)
   */
  pause(owner: string, ms: number): void {
    if (!Number.isFinite(ms)) return;
    this.pausedUntil.set(owner, Math.max(this.clock.now() + ms, this.pausedUntil.get(owner) ?? 0));
  }
}
