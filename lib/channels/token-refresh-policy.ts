// When the inbox refreshes an Instagram Login token, and when a channel needs an admin to reconnect. Pure.
//
// Meta: long-lived Instagram User tokens last 60 days; `refresh_access_token` renews one that is at least
// 24 hours old and not expired, for 60 days from the refresh. A token that expires stops every call (190).
//
// | Rule | Value | Why |
// |---|---|---|
// | first refresh | 10 days after the token was obtained (50 days left) | well before expiry: a week of failures still leaves weeks |
// | never before | 24 h after it was obtained | Meta refuses younger tokens |
// | after a failed refresh | try again 6 h later | an outage at Meta is usually shorter; 4 tries a day |
// | needs reconnect | a refresh failed and ≤ 7 days are left, or Meta refused the token itself (190) | days before the channel would stop, so an admin can act while it still works |
//
// A failed refresh never stops the channel while its token works: sending and sync go on until Meta refuses
// the token; the Channels page says "Needs reconnect" with the date the access ends.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const TOKEN_REFRESH_POLICY = {
  minAgeMs: 24 * HOUR,
  refreshWhenLeftMs: 50 * DAY,
  retryAfterFailureMs: 6 * HOUR,
  reconnectWarningMs: 7 * DAY,
} as const;

/** When to refresh a token obtained at `obtainedAt` that expires at `expiresAt`. */
export function nextTokenRefreshAt(token: { obtainedAt: Date; expiresAt: Date }): Date {
  const notBefore = token.obtainedAt.getTime() + TOKEN_REFRESH_POLICY.minAgeMs;
  const due = token.expiresAt.getTime() - TOKEN_REFRESH_POLICY.refreshWhenLeftMs;
  return new Date(Math.max(notBefore, due));
}

/** After a failed refresh: when to try again (never past expiry, where a refresh cannot help any more). */
export function retryTokenRefreshAt(now: Date, expiresAt: Date): Date | null {
  const retry = now.getTime() + TOKEN_REFRESH_POLICY.retryAfterFailureMs;
  return retry < expiresAt.getTime() ? new Date(retry) : null;
}

/**
 * Whether the channel's Channels card says "Needs reconnect": Meta refused the token, or renewing failed and
 * the access ends within the warning window (or has ended).
 */
export function channelNeedsReconnect(channel: { tokenStatus: string; tokenExpiresAt: Date | null; tokenRefreshError: string | null }, now: Date): boolean {
  if (channel.tokenStatus === "NEEDS_RECONNECT") return true;
  if (!channel.tokenExpiresAt) return false;
  const left = channel.tokenExpiresAt.getTime() - now.getTime();
  if (left <= 0) return true;
  return channel.tokenRefreshError !== null && left <= TOKEN_REFRESH_POLICY.reconnectWarningMs;
}
