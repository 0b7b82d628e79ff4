// Page and user access tokens at rest: AES-256-GCM with a random 96-bit IV per value and the channel's id
// as additional authenticated data, so a ciphertext copied onto another channel row fails to decrypt.
// Stored as "v1.<iv b64url>.<ciphertext b64url>.<tag b64url>"; the version leaves room for key rotation.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1";

export class TokenCipherError extends Error {
  override name = "TokenCipherError";
}

function keyFrom(base64Key: string): Buffer {
  const key = Buffer.from(base64Key, "base64");
  if (key.length !== 32) throw new TokenCipherError("token encryption key must be 32 bytes");
  return key;
}

export function encryptToken(plaintext: string, base64Key: string, associatedData: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(base64Key), iv);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), ciphertext.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

export function decryptToken(stored: string, base64Key: string, associatedData: string): string {
  const [version, iv, ciphertext, tag] = stored.split(".");
  if (version !== VERSION || !iv || ciphertext === undefined || !tag) throw new TokenCipherError("unrecognised token ciphertext");
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFrom(base64Key), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(associatedData, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    // Never include the ciphertext or key material in the message.
    throw new TokenCipherError("token could not be decrypted (wrong key or tampered value)");
  }
}
