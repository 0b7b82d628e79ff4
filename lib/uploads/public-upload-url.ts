import "server-only";
import { env } from "@/lib/env";
import { uploadUrl } from "./upload-url";

/** The public URL Meta fetches an upload from: built from APP_URL, signed with the server's secret, expiring (upload-url.ts). */
export function publicUploadUrl(upload: { id: string; fileName: string }, now = Date.now()): string {
  const config = env();
  return uploadUrl(config.APP_URL, config.AUTH_SECRET, upload, now);
}

/**
 * An attachment as stored on a message, with a freshly signed URL when it is one of our uploads: the thread
 * re-signs on every read and a send attempt before Meta fetches, so stored URLs may have expired.
 */
export function withFreshUploadUrl<A extends { url?: unknown; uploadId?: unknown; name?: unknown }>(attachment: A): A {
  if (typeof attachment.uploadId !== "string" || typeof attachment.name !== "string") return attachment;
  return { ...attachment, url: publicUploadUrl({ id: attachment.uploadId, fileName: attachment.name }) };
}
