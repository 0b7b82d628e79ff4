// Size limits per kind of file, as Meta states them for attachments (REFERENCE.md §3): images 8 MB,
// everything else 25 MB. Checked before a byte is stored. Pure.
import type { SniffedFileType, UploadKind } from "./sniff-file-type";

const MB = 1024 * 1024;

export const UPLOAD_LIMIT_BYTES: Record<UploadKind, number> = { image: 8 * MB, pdf: 25 * MB, audio: 25 * MB, video: 25 * MB };
/** The largest file any kind allows: bigger requests are refused before they are read. */
export const MAX_UPLOAD_BYTES = Math.max(...Object.values(UPLOAD_LIMIT_BYTES));

export const ACCEPTED_FORMATS_TEXT = "images (PNG, JPEG, GIF, WebP), PDF, audio (AAC, M4A, WAV, MP4) or video (MP4, Ogg, AVI, MOV, WebM)";

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
