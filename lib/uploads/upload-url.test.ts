import { describe, expect, it } from "vitest";
import { UPLOAD_URL_TTL_MS, uploadSignature, uploadUrl, verifyUploadSignature } from "./upload-url";

const id = "7d0f3b0a-2f64-4f55-9a55-1b2d3c4d5e6f";
const secret = "a-test-secret-of-more-than-32-characters";
const now = Date.parse("2026-12-06T10:20:00Z");
const HOUR = 3_600_000;

describe("signed upload URLs", () => {
  it("are built from APP_URL and carry a signature only the secret produces", () => {
    const url = uploadUrl("https://inbox.example.com/", secret, { id, fileName: "Reçu n°1.pdf" }, now);
    expect(url).toBe(`https://inbox.example.com/api/uploads/${id}/${uploadSignature(secret, id, now)}/Re%C3%A7u%20n%C2%B01.pdf`);
    expect(verifyUploadSignature(secret, id, uploadSignature(secret, id, now), now)).not.toBeNull();
  });

  it("refuse another id's signature, another secret's, a truncated or a tampered one", () => {
    const other = "8d0f3b0a-2f64-4f55-9a55-1b2d3c4d5e6f";
    const signature = uploadSignature(secret, id, now);
    expect(verifyUploadSignature(secret, other, signature, now)).toBeNull();
    expect(verifyUploadSignature(secret, id, uploadSignature(`${secret}x`, id, now), now)).toBeNull();
    expect(verifyUploadSignature(secret, id, signature.slice(0, 10), now)).toBeNull();
    // A later expiry with the same MAC: the expiry is signed too.
    const [expiry, hmac] = signature.split(".");
    expect(verifyUploadSignature(secret, id, `${(parseInt(expiry!, 36) + 3600).toString(36)}.${hmac}`, now)).toBeNull();
    expect(verifyUploadSignature(secret, id, "not-a-signature", now)).toBeNull();
  });

  it("expire after at least the TTL (rounded up to the hour) and at most an hour more", () => {
    const signature = uploadSignature(secret, id, now);
    const expiresAt = verifyUploadSignature(secret, id, signature, now)!;
    expect(expiresAt - now).toBeGreaterThanOrEqual(UPLOAD_URL_TTL_MS);
    expect(expiresAt - now).toBeLessThanOrEqual(UPLOAD_URL_TTL_MS + HOUR);
    expect(verifyUploadSignature(secret, id, signature, expiresAt - 1)).toBe(expiresAt);
    expect(verifyUploadSignature(secret, id, signature, expiresAt)).toBeNull();
  });

  it("stay the same within the hour, so browsers can cache the file", () => {
    const hourStart = Math.floor(now / HOUR) * HOUR;
    expect(uploadSignature(secret, id, hourStart + 1)).toBe(uploadSignature(secret, id, hourStart + HOUR - 1));
  });
});
