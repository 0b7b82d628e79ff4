// Failures that are ours rather than Meta's (no Meta code): they are stored on the message as
// `errorCode = null` and `errorMessage = "[<key>] detail"`, so the thread can explain them in the agent's
// language like Meta's errors. Pure.

export type LocalSendErrorKey =
  /** The Send API call got no answer (timeout, connection reset): it may or may not have gone out. */
  | "timeout"
  /** The channel has no Page token (never connected, or disconnected). */
  | "not_connected"
  /** The channel's token was already known to be invalid: Meta was not called. */
  | "needs_reconnect"
  /** The policy blocked an automatic or manual retry (the window closed meanwhile): Meta was not called. */
  | "window_closed"
  /** The private-reply policy blocked a retry (7 days passed, or the comment is the Page's own): Meta was not called. */
  | "private_reply_closed"
  /** Meta never confirmed the message, its Send API calls are used up, and the thread at Meta has no copy. */
  | "not_delivered"
  /** Meta never confirmed the message and the thread at Meta could not be read: nothing was sent again. */
  | "unconfirmed";

const KEYS: readonly LocalSendErrorKey[] = ["timeout", "not_connected", "needs_reconnect", "window_closed", "private_reply_closed", "not_delivered", "unconfirmed"];

const PATTERN = /^\[([a-z_]+)(?::([A-Z_]+))?\] /;

/** "[timeout] Graph POST … timed out", "[window_closed:WINDOW_CLOSED] …" */
export function localSendError(key: LocalSendErrorKey, detail: string, reason?: string): string {
  return `[${key}${reason ? `:${reason}` : ""}] ${detail}`;
}

export function parseLocalSendError(raw: string | null): { key: LocalSendErrorKey; reason: string | null } | null {
  if (!raw) return null;
  const match = PATTERN.exec(raw);
  if (!match) return null;
  const key = match[1] as LocalSendErrorKey;
  if (!KEYS.includes(key)) return null;
  return { key, reason: match[2] ?? null };
}
