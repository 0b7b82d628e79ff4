// Per-object token buckets (REFERENCE §6). One bucket per (Page or IG account, kind). Capacity = rate, the
// bucket refills continuously at `rate` tokens per second of real (monotonic) time and starts full.
// A call is admitted when the bucket holds at least 1 − rate × grace/1000 tokens; it then takes one token
// (possibly going slightly negative). So a client that spaces calls 1/rate seconds apart — or uses its own
// bucket with the same rate and capacity — is never rejected, even with up to `graceMs` of network jitter.
// No randomness anywhere; a rejected call takes `rejectedCallCost` tokens (default 0).
// "Blocked" (what the usage headers announce, with `estimated_time_to_regain_access`) means a call was
// refused and the bucket has not admitted one since — never merely "the next call, sent at once, would be
// refused": a client pacing at the rate is often there right after an admitted call, and telling it to stay
// away for a minute stalled paced backfills for 60 s (issue 11).

export type LimitKind = "conversations" | "send" | "sendMedia" | "pages";

interface Bucket {
  tokens: number;
  last: number;
  calls: number;
  rejected: number;
  /** Set by a refused call: when the bucket admits again (0 = not blocked). */
  blockedUntil: number;
}

export interface TakeResult {
  ok: boolean;
  /** 0–100: how much of the bucket is used (100 when blocked). */
  usagePercent: number;
  /** Milliseconds until a call would be admitted again (0 when not blocked). */
  retryAfterMs: number;
}

export interface LimiterSettings {
  rate(kind: LimitKind): number | null;
  graceMs: number;
  rejectedCallCost: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly settings: () => LimiterSettings,
    private readonly now: () => number = () => performance.now(),
  ) {}

  private bucket(key: string, capacity: number, rate: number): Bucket {
    const t = this.now();
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: capacity, last: t, calls: 0, rejected: 0, blockedUntil: 0 };
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(capacity, b.tokens + ((t - b.last) * rate) / 1000);
      b.last = t;
    }
    return b;
  }

  take(objectId: string, kind: LimitKind): TakeResult {
    const s = this.settings();
    const rate = s.rate(kind);
    if (rate === null || rate <= 0) return { ok: true, usagePercent: 0, retryAfterMs: 0 };
    const capacity = rate;
    const b = this.bucket(`${objectId}:${kind}`, capacity, rate);
    const threshold = 1 - (rate * s.graceMs) / 1000;
    b.calls++;
    if (b.tokens >= threshold) {
      b.tokens -= 1;
      b.blockedUntil = 0;
      return { ok: true, usagePercent: usage(b.tokens, capacity), retryAfterMs: 0 };
    }
    b.rejected++;
    b.tokens -= s.rejectedCallCost;
    const retryAfterMs = Math.ceil(((threshold - b.tokens) / rate) * 1000);
    b.blockedUntil = b.last + retryAfterMs;
    return { ok: false, usagePercent: 100, retryAfterMs };
  }

  /** Current state without taking a token. */
  peek(objectId: string, kind: LimitKind): TakeResult | null {
    const s = this.settings();
    const rate = s.rate(kind);
    const key = `${objectId}:${kind}`;
    if (rate === null || rate <= 0 || !this.buckets.has(key)) return null;
    const b = this.bucket(key, rate, rate);
    const retryAfterMs = Math.max(0, Math.ceil(b.blockedUntil - b.last));
    if (retryAfterMs === 0) return { ok: true, usagePercent: usage(b.tokens, rate), retryAfterMs: 0 };
    return { ok: false, usagePercent: 100, retryAfterMs };
  }

  stats(): Record<string, { calls: number; rejected: number; tokens: number }> {
    const out: Record<string, { calls: number; rejected: number; tokens: number }> = {};
    for (const [k, b] of this.buckets) out[k] = { calls: b.calls, rejected: b.rejected, tokens: Math.round(b.tokens * 1000) / 1000 };
    return out;
  }

  reset(): void {
    this.buckets.clear();
  }
}

function usage(tokens: number, capacity: number): number {
  return Math.max(0, Math.min(100, Math.round((100 * (capacity - tokens)) / capacity)));
}

/** Rolling one-hour call counter behind X-App-Usage. */
export class AppUsage {
  private readonly minutes = new Map<number, number>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  record(): void {
    const m = Math.floor(this.now() / 60_000);
    this.minutes.set(m, (this.minutes.get(m) ?? 0) + 1);
    if (this.minutes.size > 70) {
      for (const k of this.minutes.keys()) if (k < m - 60) this.minutes.delete(k);
    }
  }

  callsLastHour(): number {
    const m = Math.floor(this.now() / 60_000);
    let total = 0;
    for (const [k, v] of this.minutes) if (k > m - 60) total += v;
    return total;
  }
}
