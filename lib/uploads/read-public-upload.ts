import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { isUuid } from "@/lib/validations/uuid";
import { verifyUploadSignature } from "./upload-url";

/**
 * The bytes behind a public upload URL and when the URL expires, or null when the id or signature is wrong
 * or expired (always a plain 404).
 */
export async function readPublicUpload(uploadId: string, signature: string, now = Date.now()) {
  if (!isUuid(uploadId)) return null;
  const expiresAtMs = verifyUploadSignature(env().AUTH_SECRET, uploadId, signature, now);
  if (expiresAtMs === null) return null;
  const upload = await db.upload.findUnique({
    where: { id: uploadId },
    select: { fileName: true, contentType: true, sizeBytes: true, sha256: true, data: true },
  });
  return upload ? { ...upload, expiresAtMs } : null;
}
