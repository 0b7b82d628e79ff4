// What the composer lets an agent attach, checked before uploading so a wrong file is refused at once.
// The upload API (POST /api/uploads) enforces the same limits; this only spares a pointless upload.

const MB = 1024 * 1024;
const IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"];

export const ACCEPTED_FILE_TYPES = [...IMAGE_TYPES, "application/pdf", "audio/*", "video/*"].join(",");

/** Null when the file may be uploaded, otherwise why not, in the agent's words. */
export function checkAttachment(file: { name: string; type: string; size: number }): string | null {
  if (IMAGE_TYPES.includes(file.type)) return file.size <= 8 * MB ? null : `${file.name} is larger than 8 MB, the limit for images.`;
  if (file.type === "application/pdf" || file.type.startsWith("audio/") || file.type.startsWith("video/")) {
    return file.size <= 25 * MB ? null : `${file.name} is larger than 25 MB, the limit for files.`;
  }
  return `${file.name} can't be sent: attach an image (PNG, JPEG, GIF, WebP), a PDF, audio or video.`;
}

export interface UploadedFile {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  url: string;
}

export async function uploadFile(file: File): Promise<UploadedFile> {
  const form = new FormData();
  form.set("file", file);
  let response: Response;
  try {
    response = await fetch("/api/uploads", { method: "POST", body: form, headers: { accept: "application/json" } });
  } catch {
    throw new Error(`${file.name} was not uploaded: no connection to the server.`);
  }
  const body = (await response.json().catch(() => null)) as { upload?: UploadedFile; error?: { message: string } } | null;
  if (response.status !== 201 || !body?.upload) throw new Error(body?.error?.message ?? `${file.name} was not uploaded (HTTP ${response.status}).`);
  return body.upload;
}
