// Reading the session cookie next-auth issued, for every authenticated request. next-auth's `auth()` decrypts
// the token and re-encrypts a refreshed one on each call (about 2.5 ms of CPU here, and route handlers cannot
// even set the refreshed cookie), so requests read the claims themselves: next-auth's own `decode`, cached
// by the exact token string until the token expires. The cache can only ever answer for a token it decoded;
// whether the agent may still act is decided per request against the database (lib/auth/session.ts).
//
// The token names a row of `sessions`: whether that session is still open (not signed out, not idle, not
// past its absolute end) is decided per request too (lib/auth/session-policy.ts).
import { decode } from "next-auth/jwt";

/** next-auth's cookie names: `__Secure-` over HTTPS. */
export const SESSION_COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

export interface SessionClaims {
  sessionId: string;
  agentId: string;
  sessionVersion: number;
}

const MAX_ENTRIES = 5_000;
const cache = new Map<string, { claims: SessionClaims; expiresAtMs: number }>();

/**
 * The claims of a session cookie, or null when it is missing, forged, expired or not ours.
 * @param cookie the value of one of SESSION_COOKIE_NAMES; `name` is the cookie's name (next-auth's salt).
 */
export async function readSessionClaims(name: (typeof SESSION_COOKIE_NAMES)[number], token: string, secret: string, nowMs = Date.now()): Promise<SessionClaims | null> {
  const key = `${name}\u0000${token}`;
  const hit = cache.get(key);
  if (hit) {
    if (hit.expiresAtMs > nowMs) return hit.claims;
    cache.delete(key);
  }
  let payload: Record<string, unknown> | null;
  try {
    payload = (await decode({ token, secret, salt: name })) as Record<string, unknown> | null;
  } catch {
    return null;
  }
  if (!payload || typeof payload.sessionId !== "string" || typeof payload.agentId !== "string" || typeof payload.sessionVersion !== "number" || typeof payload.exp !== "number") return null;
  const expiresAtMs = payload.exp * 1000;
  if (expiresAtMs <= nowMs) return null;
  const claims = { sessionId: payload.sessionId, agentId: payload.agentId, sessionVersion: payload.sessionVersion };
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, { claims, expiresAtMs });
  return claims;
}
