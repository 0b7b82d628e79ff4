// Uploads are served without a session, because Meta fetches them: the URL itself is the credential.
// It carries the upload id and an HMAC of it, so ids seen elsewhere (API answers, logs) do not open the
// file, and a URL cannot be forged without the server's secret. Pure (the secret is passed in).
import { createHmac, timingSafeEqual } from "node:crypto";

const PURPOSE = "inbox-upload-url:v1:";

export function uploadSignature(secret: string, uploadId: string): string {
  return createHmac("sha256", secret).update(PURPOSE + uploadId.toLowerCase()).digest("base64url").slice(0, 32);
}

export function isValidUploadSignature(secret: string, uploadId: string, signature: string): boolean {
  const expected = Buffer.from(uploadSignature(secret, uploadId));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** `${appUrl}/api/uploads/{id}/{signature}/{fileName}` — the name at the end is what people see. */
export function uploadUrl(appUrl: string, secret: string, upload: { id: string; fileName: string }): string {
  return `${appUrl.replace(/\/+$/, "")}/api/uploads/${upload.id}/${uploadSignature(secret, upload.id)}/${encodeURIComponent(upload.fileName)}`;
}
