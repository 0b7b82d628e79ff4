import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { verifyWebhookSignature } from "./verify-signature";

const FIXTURE = path.join(import.meta.dirname, "../../meta-simulator/fixtures/Yoctol+bottender/signature_vectors.json");
const vectors = (JSON.parse(readFileSync(FIXTURE, "utf8")) as { vectors: { app_secret: string; raw_body: string; x_hub_signature_256_computed?: string; valid: boolean }[] }).vectors;

const sign = (secret: string, body: string | Buffer) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

describe("verifyWebhookSignature", () => {
  it("accepts the published vectors byte for byte", () => {
    const valid = vectors.filter((v) => v.valid && v.x_hub_signature_256_computed);
    expect(valid.length).toBeGreaterThan(0);
    for (const v of valid) expect(verifyWebhookSignature(Buffer.from(v.raw_body, "utf8"), v.x_hub_signature_256_computed, v.app_secret)).toBe(true);
  });

  it("signs the escaped bytes Meta sent, not a re-serialisation", () => {
    const raw = '{"object":"page","entry":[{"id":"1","messaging":[{"message":{"text":"\\u00e4\\u00f6\\u00e5 \\/"}}]}]}';
    const header = sign("s3cret-s3cret-s3cret", raw);
    expect(verifyWebhookSignature(Buffer.from(raw), header, "s3cret-s3cret-s3cret")).toBe(true);
    const reserialised = JSON.stringify(JSON.parse(raw));
    expect(reserialised).not.toBe(raw);
    expect(verifyWebhookSignature(Buffer.from(reserialised), header, "s3cret-s3cret-s3cret")).toBe(false);
  });

  it("refuses a missing, malformed, truncated, tampered or wrongly keyed signature", () => {
    const raw = Buffer.from('{"object":"page","entry":[]}');
    const good = sign("secret-one-secret-one", raw);
    expect(verifyWebhookSignature(raw, good, "secret-one-secret-one")).toBe(true);
    expect(verifyWebhookSignature(raw, good.toUpperCase().replace("SHA256=", "sha256="), "secret-one-secret-one")).toBe(true);
    // Whitespace around the header value (optional whitespace in HTTP) is not part of the signature.
    expect(verifyWebhookSignature(raw, ` ${good}\t`, "secret-one-secret-one")).toBe(true);
    for (const header of [null, undefined, "", "sha1=abc", `x${good}`, `sha1=abc,${good}`, good.slice(0, -2), `${good}00`, good.replace(/.$/, (c) => (c === "0" ? "1" : "0")), "sha256=" + "z".repeat(64)]) {
      expect(verifyWebhookSignature(raw, header, "secret-one-secret-one")).toBe(false);
    }
    expect(verifyWebhookSignature(raw, good, "secret-two-secret-two")).toBe(false);
    expect(verifyWebhookSignature(Buffer.from('{"object":"page","entry":[ ]}'), good, "secret-one-secret-one")).toBe(false);
  });
});
