// How long a session lives. A session ends at the first of:
//  - sign-out (its row is revoked: a copy of the cookie replayed later is refused),
//  - SESSION_IDLE_TIMEOUT_MS without a request (a browser left signed in on a shared desk),
//  - SESSION_ABSOLUTE_MAX_MS after sign-in (a stolen cookie cannot be kept alive by using it),
//  - the agent's deactivation, role or password change (Agent.sessionVersion).
// Requests move `lastSeenAt` forward at most once per SESSION_TOUCH_EVERY_MS, so reading the inbox costs no
// write per request. Pure.

export const SESSION_IDLE_TIMEOUT_MS = 2 * 3_600_000;
export const SESSION_ABSOLUTE_MAX_MS = 12 * 3_600_000;
export const SESSION_TOUCH_EVERY_MS = 60_000;

export interface SessionTimes {
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export type SessionState = "active" | "revoked" | "idle" | "expired";

export function sessionState(session: SessionTimes, now: Date): SessionState {
  if (session.revokedAt) return "revoked";
  if (session.expiresAt.getTime() <= now.getTime()) return "expired";
  if (now.getTime() - session.lastSeenAt.getTime() >= SESSION_IDLE_TIMEOUT_MS) return "idle";
  return "active";
}

/** Whether this request should record activity (see SESSION_TOUCH_EVERY_MS). */
export function sessionNeedsTouch(session: Pick<SessionTimes, "lastSeenAt">, now: Date): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= SESSION_TOUCH_EVERY_MS;
}

export function sessionExpiry(signedInAt: Date): Date {
  return new Date(signedInAt.getTime() + SESSION_ABSOLUTE_MAX_MS);
}
