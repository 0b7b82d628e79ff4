import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { isUuid } from "@/lib/validations/uuid";
import { isValidUploadSignature } from "./upload-url";

/** The bytes behind a public upload URL, or null when the id or signature is wrong (always a plain 404). */
export async function readPublicUpload(uploadId: string, signature: string) {
  if (!isUuid(uploadId) || !isValidUploadSignature(env().AUTH_SECRET, uploadId, signature)) return null;
  return db.upload.findUnique({
    where: { id: uploadId },
    select: { fileName: true, contentType: true, sizeBytes: true, sha256: true, data: true },
  });
}
