// How hard and how long the outbox tries. One place, so the numbers can be reasoned about together:
//
//   inline attempt (the agent's request)  ─ answer within GRAPH_SEND_TIMEOUT_MS, else "outcome unknown"
//   outcome unknown (timeout, 1/1357046)  ─ wait ECHO_WAIT_MS for the echo webhook carrying our metadata;
//                                            only if none settled the message, send again (same metadata)
//   transient (5xx, 1/2, throttling)      ─ back off (Meta's estimated_time_to_regain_access when given)
//   at most MAX_SEND_ATTEMPTS calls to Meta per message, then FAILED for good
//
// Tests shorten the waits with configureSending(); production uses the defaults. Pure.

export interface SendSettings {
  /** Calls to Meta's Send API per outbox message, the first one included. */
  maxSendAttempts: number;
  /** How long one Send API call may take before its outcome counts as unknown. */
  graphSendTimeoutMs: number;
  /** After an unknown outcome: how long an echo gets to prove the message went out before we resend. */
  echoWaitMs: number;
  /** Backoff after a transient failure: min(max, base · 2^(attempt-1)). */
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  /** Sender actions (typing, seen) never wait longer than this. */
  senderActionTimeoutMs: number;
  /** At most one typing_on per conversation in this interval (per app instance). */
  typingThrottleMs: number;
}

export const DEFAULT_SEND_SETTINGS: Readonly<SendSettings> = Object.freeze({
  maxSendAttempts: 5,
  graphSendTimeoutMs: 10_000,
  // Meta retries failed webhook deliveries for minutes; a minute covers the normal path and the first
  // redeliveries without leaving the agent in doubt for long.
  echoWaitMs: 60_000,
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

/** Delay before the next automatic attempt after a transient failure (attempt = calls made so far). */
export function transientRetryDelayMs(attempt: number, metaRetryAfterMs: number | null, settings: Readonly<SendSettings> = current): number {
  const backoff = Math.min(settings.retryMaxDelayMs, settings.retryBaseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(backoff, metaRetryAfterMs ?? 0);
}
