// Public URLs of agent uploads. Meta fetches attachments by URL, without our session, so the file must be
// reachable without signing in; the URL itself is the credential. It carries the upload id, an expiry and
// an HMAC of both, so ids seen elsewhere (API answers, logs) do not open the file, a URL cannot be forged
// without the server's secret, and a URL that leaked stops working after UPLOAD_URL_TTL_MS.
//
// The expiry is generous for Meta (it fetches the file when the message is sent; every send attempt signs
// a fresh URL) and the thread signs fresh URLs every time it is read. Expiries are rounded up to the hour,
// so a file keeps one URL for an hour and browsers can cache it. Pure (the secret is passed in).
import { createHmac, timingSafeEqual } from "node:crypto";

const PURPOSE = "inbox-upload-url:v2:";
export const UPLOAD_URL_TTL_MS = 24 * 3_600_000;
const ROUND_MS = 3_600_000;

function mac(secret: string, uploadId: string, expiresAtSeconds: number): string {
  return createHmac("sha256", secret).update(`${PURPOSE}${uploadId.toLowerCase()}:${expiresAtSeconds}`).digest("base64url").slice(0, 32);
}

/** `<expiry, base 36 seconds>.<hmac>`: the signature segment of an upload URL valid until about now + TTL. */
export function uploadSignature(secret: string, uploadId: string, now = Date.now()): string {
  const expiresAtSeconds = Math.ceil((now + UPLOAD_URL_TTL_MS) / ROUND_MS) * (ROUND_MS / 1000);
  return `${expiresAtSeconds.toString(36)}.${mac(secret, uploadId, expiresAtSeconds)}`;
}

/** When a valid signature expires (ms), or null for a forged, foreign, malformed or expired one. */
export function verifyUploadSignature(secret: string, uploadId: string, signature: string, now = Date.now()): number | null {
  const match = /^([0-9a-z]{1,10})\.([\w-]{32})$/.exec(signature);
  if (!match) return null;
  const expiresAtSeconds = parseInt(match[1]!, 36);
  const expected = Buffer.from(mac(secret, uploadId, expiresAtSeconds));
  const given = Buffer.from(match[2]!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const expiresAtMs = expiresAtSeconds * 1000;
  return expiresAtMs > now ? expiresAtMs : null;
}

/** `${appUrl}/api/uploads/{id}/{signature}/{fileName}` — the name at the end is what people see. */
export function uploadUrl(appUrl: string, secret: string, upload: { id: string; fileName: string }, now = Date.now()): string {
  return `${appUrl.replace(/\/+$/, "")}/api/uploads/${upload.id}/${uploadSignature(secret, upload.id, now)}/${encodeURIComponent(upload.fileName)}`;
}
