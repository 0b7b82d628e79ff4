// The simulated clock: wall clock + a controllable offset, optionally frozen at one instant (tests use
// freezing to hit window boundaries to the millisecond).

export interface ClockState {
  offsetMs: number;
  /** When set, `now()` returns this simulated instant until unfrozen. */
  frozenAt: number | null;
}

export class SimClock {
  private offsetMs: number;
  private frozenAt: number | null;

  constructor(state: Partial<ClockState> = {}) {
    this.offsetMs = state.offsetMs ?? 0;
    this.frozenAt = state.frozenAt ?? null;
  }

  now(): number {
    return this.frozenAt ?? Date.now() + this.offsetMs;
  }

  state(): ClockState {
    return { offsetMs: this.offsetMs, frozenAt: this.frozenAt };
  }

  /** Moves simulated time forward (or back, with a negative value). */
  advance(ms: number): void {
    if (this.frozenAt !== null) this.frozenAt += ms;
    this.offsetMs += ms;
  }

  /** Jumps to an absolute simulated instant (keeps running unless frozen). */
  set(epochMs: number): void {
    if (this.frozenAt !== null) this.frozenAt = epochMs;
    this.offsetMs = epochMs - Date.now();
  }

  freeze(): void {
    if (this.frozenAt === null) this.frozenAt = this.now();
  }

  unfreeze(): void {
    if (this.frozenAt === null) return;
    this.offsetMs = this.frozenAt - Date.now();
    this.frozenAt = null;
  }

  isFrozen(): boolean {
    return this.frozenAt !== null;
  }
}

/** Meta's Graph time format: `2022-07-12T19:11:07+0000`. */
export function graphTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "+0000");
}

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const DAY = 24 * HOUR;
