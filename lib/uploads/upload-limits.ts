// Size limits per kind of file, as Meta states them for attachments (lib/messages/outbound-rules.ts), checked
// against the type the bytes show before a byte is stored. Pure.
import { ACCEPTED_FORMATS_TEXT, MAX_UPLOAD_BYTES, UPLOAD_LIMIT_BYTES, type UploadKind } from "@/lib/messages/outbound-rules";
import type { SniffedFileType } from "./sniff-file-type";

export { MAX_UPLOAD_BYTES };

const MB = 1024 * 1024;

const KIND_NAME: Record<UploadKind, string> = { image: "Images", pdf: "PDF files", audio: "Audio files", video: "Videos" };

export type UploadProblem = { code: "unsupported_media_type" | "payload_too_large" | "invalid_request"; message: string };

export function checkUpload(type: SniffedFileType | null, sizeBytes: number): UploadProblem | null {
  if (sizeBytes === 0) return { code: "invalid_request", message: "The file is empty." };
  if (!type) return { code: "unsupported_media_type", message: `This type of file can't be sent through Meta. Send ${ACCEPTED_FORMATS_TEXT}.` };
  const limit = UPLOAD_LIMIT_BYTES[type.kind];
  if (sizeBytes > limit) {
    return {
      code: "payload_too_large",
      message: `${KIND_NAME[type.kind]} can be at most ${limit / MB} MB; this one is ${(sizeBytes / MB).toFixed(1)} MB.`,
    };
  }
  return null;
}

/** A file name safe to store, show and put at the end of a URL, with an extension matching its real type. */
export function safeFileName(name: string | null | undefined, type: SniffedFileType): string {
  const base = (name ?? "")
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f"<>|?*:]/g, "")
    .trim()
    .slice(0, 150);
  const stem = base.replace(/\.[^.]*$/, "") || "file";
  const extension = /\.([^.]+)$/.exec(base)?.[1]?.toLowerCase();
  return extension && type.extensions.includes(extension) ? `${stem}.${extension}` : `${base || stem}.${type.extensions[0]}`;
}
