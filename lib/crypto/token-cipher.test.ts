import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptToken, encryptToken, TokenCipherError } from "./token-cipher";

const key = randomBytes(32).toString("base64");
const token = "EAAGm0PX4ZCpsBAFakePageToken123";

describe("token cipher", () => {
  it("round-trips and never stores the plaintext", () => {
    const stored = encryptToken(token, key, "channel-1");
    expect(stored).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(stored).not.toContain(token);
    expect(decryptToken(stored, key, "channel-1")).toBe(token);
  });

  it("uses a fresh IV each time", () => {
    expect(encryptToken(token, key, "c")).not.toBe(encryptToken(token, key, "c"));
  });

  it("refuses a ciphertext moved to another channel", () => {
    const stored = encryptToken(token, key, "channel-1");
    expect(() => decryptToken(stored, key, "channel-2")).toThrow(TokenCipherError);
  });

  it("refuses the wrong key and tampered values", () => {
    const stored = encryptToken(token, key, "c");
    expect(() => decryptToken(stored, randomBytes(32).toString("base64"), "c")).toThrow(TokenCipherError);
    const [v, iv, ct, tag] = stored.split(".");
    const flipped = ct!.slice(0, -2) + (ct!.endsWith("A") ? "B" : "A") + ct!.slice(-1);
    expect(() => decryptToken([v, iv, flipped, tag].join("."), key, "c")).toThrow(TokenCipherError);
    expect(() => decryptToken("plain-token", key, "c")).toThrow(TokenCipherError);
  });

  it("rejects keys that are not 32 bytes", () => {
    expect(() => encryptToken(token, randomBytes(16).toString("base64"), "c")).toThrow(/32 bytes/);
  });
});
