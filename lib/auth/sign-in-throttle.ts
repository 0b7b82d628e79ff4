// Sign-in throttling: how many password guesses we answer, per key, before asking to wait. Three keys, so
// that guessing is slow and an attacker cannot lock a real agent out for long:
//
// | key                     | after                          | wait                                          |
// |-------------------------|--------------------------------|-----------------------------------------------|
// | email + address         | 5 failed attempts              | 30 s, doubling per further failure, ≤ 15 min  |
// |                         |                                | (forgotten after 1 h without attempts)        |
// | email (any address)     | 20 failed attempts in 15 min   | 5 min — not applied to an address this agent  |
// |                         |                                | signed in from during the last 30 days        |
// | address (any email)     | 100 failed attempts in 15 min  | 15 min                                        |
//
// An attempt counts when it starts (so 50 parallel guesses cannot all slip in before the first failure is
// recorded) and a successful sign-in takes its count back and clears its email + address key. Unknown
// emails are counted like known ones: the answers do not reveal which emails have an account. The state
// lives in Postgres (sign_in_throttles), shared by every app instance. Pure.

export type ThrottleScope = "account_ip" | "account" | "ip";
export const THROTTLE_SCOPES: readonly ThrottleScope[] = ["account_ip", "account", "ip"];

export const SIGN_IN_LIMITS = {
  accountIp: { freeAttempts: 5, firstWaitMs: 30_000, maxWaitMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 },
  account: { maxAttempts: 20, windowMs: 15 * 60_000, lockMs: 5 * 60_000 },
  ip: { maxAttempts: 100, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  /** Addresses an agent signed in from this recently are not subject to the per-email lock. */
  trustedAddressDays: 30,
} as const;

export interface ThrottleRow {
  failures: number;
  windowStartedAt: Date;
  lastAttemptAt: Date;
  lockedUntil: Date | null;
}

export type ThrottleRows = Record<ThrottleScope, ThrottleRow | null>;

export interface AttemptDecision {
  allowed: boolean;
  /** When refused: how long until an attempt may be made again. */
  retryAfterMs: number;
  /** The rows to store. */
  next: Record<ThrottleScope, ThrottleRow>;
  /** Scopes this attempt locked (for the audit trail). */
  lockedNow: ThrottleScope[];
}

const empty = (now: Date): ThrottleRow => ({ failures: 0, windowStartedAt: now, lastAttemptAt: now, lockedUntil: null });

function activeLockMs(row: ThrottleRow | null, now: Date): number {
  return row?.lockedUntil ? Math.max(0, row.lockedUntil.getTime() - now.getTime()) : 0;
}

/** The row after one more counted attempt. */
function counted(scope: ThrottleScope, row: ThrottleRow | null, now: Date): ThrottleRow {
  const t = now.getTime();
  if (scope === "account_ip") {
    const { freeAttempts, firstWaitMs, maxWaitMs, forgetAfterMs } = SIGN_IN_LIMITS.accountIp;
    const base = !row || t - row.lastAttemptAt.getTime() >= forgetAfterMs ? empty(now) : row;
    const failures = base.failures + 1;
    const lockedUntil = failures >= freeAttempts ? new Date(t + Math.min(firstWaitMs * 2 ** (failures - freeAttempts), maxWaitMs)) : null;
    return { ...base, failures, lastAttemptAt: now, lockedUntil };
  }
  const { maxAttempts, windowMs, lockMs } = scope === "account" ? SIGN_IN_LIMITS.account : SIGN_IN_LIMITS.ip;
  const base = !row || t - row.windowStartedAt.getTime() >= windowMs ? empty(now) : row;
  const failures = base.failures + 1;
  return { ...base, failures, lastAttemptAt: now, lockedUntil: failures >= maxAttempts ? new Date(t + lockMs) : null };
}

/**
 * Decides one sign-in attempt. `trustedAddress`: the email's agent signed in from this address recently, so
 * the per-email lock (which anyone can trigger) does not apply to it.
 */
export function decideAttempt(rows: ThrottleRows, now: Date, { trustedAddress }: { trustedAddress: boolean }): AttemptDecision {
  const waits = THROTTLE_SCOPES.filter((scope) => !(scope === "account" && trustedAddress)).map((scope) => activeLockMs(rows[scope], now));
  const retryAfterMs = Math.max(0, ...waits);
  if (retryAfterMs > 0) {
    const unchanged = Object.fromEntries(THROTTLE_SCOPES.map((scope) => [scope, rows[scope] ?? empty(now)])) as Record<ThrottleScope, ThrottleRow>;
    return { allowed: false, retryAfterMs, next: unchanged, lockedNow: [] };
  }
  const next = Object.fromEntries(THROTTLE_SCOPES.map((scope) => [scope, counted(scope, rows[scope], now)])) as Record<ThrottleScope, ThrottleRow>;
  const lockedNow = THROTTLE_SCOPES.filter((scope) => next[scope].lockedUntil !== null && activeLockMs(rows[scope], now) === 0);
  return { allowed: true, retryAfterMs: 0, next, lockedNow };
}

/** After a successful sign-in: its attempt was not a failure. The email + address key starts over. */
export function afterSuccess(row: ThrottleRow): ThrottleRow {
  return { ...row, failures: Math.max(0, row.failures - 1) };
}

/** "Too many sign-in attempts…" with the wait in words. */
export function throttledMessage(retryAfterMs: number): string {
  const seconds = Math.ceil(retryAfterMs / 1000);
  const wait = seconds < 60 ? `${seconds} second${seconds === 1 ? "" : "s"}` : `${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) === 1 ? "" : "s"}`;
  return `Too many sign-in attempts. Try again in ${wait}.`;
}
