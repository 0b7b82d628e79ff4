// Meta signs every webhook POST: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, body)>`, computed
// over exactly the bytes sent (an escaped-unicode serialisation — re-serialised JSON has a different HMAC).
// So the receiver hashes the raw request bytes before parsing anything, and compares in constant time.
// Pure: no I/O.
import { createHmac, timingSafeEqual } from "node:crypto";

const HEADER_FORMAT = /^sha256=([0-9a-f]{64})$/i;

/** True when `header` is a valid X-Hub-Signature-256 of `rawBody` for `appSecret`. */
export function verifyWebhookSignature(rawBody: Uint8Array | string, header: string | null | undefined, appSecret: string): boolean {
  const match = header ? HEADER_FORMAT.exec(header.trim()) : null;
  if (!match) return false;
  // 64 hex digits are 32 bytes: the length of a SHA-256 digest, as timingSafeEqual requires.
  const provided = Buffer.from(match[1]!, "hex");
  const expected = createHmac("sha256", appSecret).update(rawBody).digest();
  return timingSafeEqual(provided, expected);
}
