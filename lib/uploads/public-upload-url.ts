import "server-only";
import { env } from "@/lib/env";
import { uploadUrl } from "./upload-url";

/** The public URL Meta fetches an upload from: built from APP_URL, signed with the server's secret. */
export function publicUploadUrl(upload: { id: string; fileName: string }): string {
  const config = env();
  return uploadUrl(config.APP_URL, config.AUTH_SECRET, upload);
}
