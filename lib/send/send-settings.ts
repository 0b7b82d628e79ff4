// How hard and how long the outbox tries. One place, so the numbers can be reasoned about together:
//
//   inline attempt (the agent's request)  ─ every Meta call ends within INLINE_BUDGET_MS, so the request
//                                            answers SENT, FAILED or PENDING within 12 s; a call that would
//                                            not fit is left to the outbox job
//   one Send API call                     ─ answer within GRAPH_SEND_TIMEOUT_MS, else "outcome unknown"
//   outcome unknown (timeout, 1/1357046)  ─ wait ECHO_WAIT_MS for the echo webhook carrying our metadata;
//                                            if none settled the message, read the thread back at Meta
//                                            (READ_BACK_TIMEOUT_MS) and send again only if it is not there
//   service error (1/2, 5xx)              ─ back off, read the thread back, then send again
//   throttling                            ─ back off (Meta's estimated_time_to_regain_access when longer)
//   at most MAX_SEND_ATTEMPTS Send API calls per message (the HUMAN_AGENT fallback included), and at most as
//   many read-backs; then FAILED for good
//
// Tests shorten the waits with configureSending(); production uses the defaults. Pure.

export interface SendSettings {
  /** Calls to Meta's Send API per outbox message, the first one included. */
  maxSendAttempts: number;
  /** How long one Send API call may take before its outcome counts as unknown. */
  graphSendTimeoutMs: number;
  /** After an unknown outcome: how long an echo gets to prove the message went out before we read back. */
  echoWaitMs: number;
  /** One read of the thread at Meta (Conversations API) before a resend. */
  readBackTimeoutMs: number;
  /** The agent's request (send, retry): every Meta call it makes ends within this, from its start. */
  inlineBudgetMs: number;
  /** A call with less time than this left in the inline budget is left to the outbox job. */
  minCallMs: number;
  /** Backoff after a transient failure: min(max, base · 2^(attempt-1)). */
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  /** Sender actions (typing, seen) never wait longer than this. */
  senderActionTimeoutMs: number;
  /** At most one typing_on per conversation in this interval (across every app instance: Postgres). */
  typingThrottleMs: number;
}

export const DEFAULT_SEND_SETTINGS: Readonly<SendSettings> = Object.freeze({
  maxSendAttempts: 5,
  graphSendTimeoutMs: 10_000,
  // Meta retries failed webhook deliveries for minutes; a minute covers the normal path and the first
  // redeliveries without leaving the agent in doubt for long.
  echoWaitMs: 60_000,
  readBackTimeoutMs: 10_000,
  // The route answers within 12 s: 10.5 s of Meta calls, the rest for our own reads and writes.
  inlineBudgetMs: 10_500,
  minCallMs: 1_000,
  retryBaseDelayMs: 2_000,
  retryMaxDelayMs: 5 * 60_000,
  senderActionTimeoutMs: 3_000,
  typingThrottleMs: 5_000,
});

const current: SendSettings = { ...DEFAULT_SEND_SETTINGS };

export function sendSettings(): Readonly<SendSettings> {
  return current;
}

/** Tests only: shorter waits. Returns a function restoring the previous values. */
export function configureSending(overrides: Partial<SendSettings>): () => void {
  const previous = { ...current };
  Object.assign(current, overrides);
  return () => Object.assign(current, previous);
}

/**
 * How long an attempt holds its message: a read-back, a Send API call and the echo wait. If the process dies
 * mid-attempt, the outbox job takes over after this, treating the attempt as an unknown outcome.
 */
export function attemptLeaseMs(settings: Readonly<SendSettings> = current): number {
  return settings.readBackTimeoutMs + settings.graphSendTimeoutMs + settings.echoWaitMs;
}

/** Delay before the next automatic attempt after a transient failure (attempt = calls made so far). */
export function transientRetryDelayMs(attempt: number, metaRetryAfterMs: number | null, settings: Readonly<SendSettings> = current): number {
  const backoff = Math.min(settings.retryMaxDelayMs, settings.retryBaseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(backoff, metaRetryAfterMs ?? 0);
}
