// The `state` of the Facebook Login dialog, against CSRF and login mix-ups: it names the admin who started the
// flow and a random nonce that also sits in an HttpOnly cookie of that browser, expires after 15 minutes, and
// is HMAC-signed with the app's AUTH_SECRET. The callback accepts a code only with a state that verifies, for
// the signed-in admin, in the browser that started it. Pure.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const OAUTH_STATE_TTL_MS = 15 * 60_000;
export const OAUTH_NONCE_COOKIE = "inbox_oauth_nonce";

interface StatePayload {
  /** Agent id of the admin. */
  a: string;
  /** Nonce (also in the cookie). */
  n: string;
  /** Expiry, epoch ms. */
  e: number;
}

const sign = (body: string, secret: string) => createHmac("sha256", `oauth-state:${secret}`).update(body).digest("base64url");

export function createOAuthState(agentId: string, secret: string, now = Date.now()): { state: string; nonce: string } {
  const nonce = randomBytes(16).toString("base64url");
  const body = Buffer.from(JSON.stringify({ a: agentId, n: nonce, e: now + OAUTH_STATE_TTL_MS } satisfies StatePayload)).toString("base64url");
  return { state: `${body}.${sign(body, secret)}`, nonce };
}

export function verifyOAuthState(
  state: string | null,
  expected: { agentId: string; nonce: string | null | undefined; secret: string; now?: number },
): { ok: true } | { ok: false; reason: "malformed" | "signature" | "expired" | "agent" | "nonce" } {
  if (!state) return { ok: false, reason: "malformed" };
  const [body, signature, extra] = state.split(".");
  if (!body || !signature || extra !== undefined) return { ok: false, reason: "malformed" };
  const want = Buffer.from(sign(body, expected.secret));
  const got = Buffer.from(signature);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return { ok: false, reason: "signature" };
  let payload: StatePayload;
  try {
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as StatePayload;
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (typeof payload.e !== "number" || payload.e < (expected.now ?? Date.now())) return { ok: false, reason: "expired" };
  if (payload.a !== expected.agentId) return { ok: false, reason: "agent" };
  const nonce = Buffer.from(expected.nonce ?? "");
  const signedNonce = Buffer.from(String(payload.n));
  if (nonce.length === 0 || nonce.length !== signedNonce.length || !timingSafeEqual(nonce, signedNonce)) return { ok: false, reason: "nonce" };
  return { ok: true };
}
