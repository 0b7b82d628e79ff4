// What Meta accepts in what an agent sends — one rule set for the composer (browser) and the send API
// (server), so the composer never plans a message the API then refuses (REFERENCE.md §3, simulator README
// "Send API"). Pure, without zod or Node APIs: lengths in UTF-8 bytes come from TextEncoder.
//
// | rule                         | Messenger                 | Instagram                     |
// |------------------------------|---------------------------|-------------------------------|
// | text                         | 2000 characters           | 1000 UTF-8 bytes              |
// | text and files               | separate messages         | separate messages             |
// | several files in one message | images only, at most 30   | images only, at most 10       |
// | one file                     | images ≤ 8 MB, others ≤ 25 MB (PNG, JPEG, GIF, WebP, PDF, audio, video) |
//
// A reply with more files than one message holds is split (splitOutgoing): images together, up to the
// platform's count per message, any other file alone, the text last.
import type { Platform } from "@/lib/policy/window-policy";

export const MESSENGER_TEXT_LIMIT = 2000;
/** Instagram counts UTF-8 bytes: accents take 2, most non-Latin letters 3, emoji 4. */
export const INSTAGRAM_TEXT_LIMIT_BYTES = 1000;
export const MAX_IMAGES_PER_MESSAGE: Record<Platform, number> = { MESSENGER: 30, INSTAGRAM: 10 };
/** The most files one send request may carry (the largest count any platform takes in one message). */
export const MAX_ATTACHMENTS_PER_REQUEST = Math.max(...Object.values(MAX_IMAGES_PER_MESSAGE));

const MB = 1024 * 1024;
export type UploadKind = "image" | "pdf" | "audio" | "video";
export const UPLOAD_LIMIT_BYTES: Record<UploadKind, number> = { image: 8 * MB, pdf: 25 * MB, audio: 25 * MB, video: 25 * MB };
/** The largest file any kind allows: bigger uploads are refused before they are read. */
export const MAX_UPLOAD_BYTES = Math.max(...Object.values(UPLOAD_LIMIT_BYTES));
export const ACCEPTED_FORMATS_TEXT = "images (PNG, JPEG, GIF, WebP), PDF, audio (AAC, M4A, WAV, MP4) or video (MP4, Ogg, AVI, MOV, WebM)";
const IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"];
/** For the file picker: what the composer offers to attach. */
export const ACCEPTED_FILE_TYPES = [...IMAGE_TYPES, "application/pdf", "audio/*", "video/*"].join(",");

export interface RuleProblem {
  field: "text" | "attachments";
  message: string;
}

const encoder = new TextEncoder();

/** How much of the platform's text limit a text uses, in the platform's unit. The text is trimmed first, as the API does. */
export function measureText(platform: Platform, text: string): { used: number; limit: number; unit: "characters" | "bytes" } {
  const trimmed = text.trim();
  return platform === "INSTAGRAM"
    ? { used: encoder.encode(trimmed).length, limit: INSTAGRAM_TEXT_LIMIT_BYTES, unit: "bytes" }
    : { used: trimmed.length, limit: MESSENGER_TEXT_LIMIT, unit: "characters" };
}

export function checkText(platform: Platform, text: string): RuleProblem | null {
  const { used, limit } = measureText(platform, text);
  if (used <= limit) return null;
  return platform === "INSTAGRAM"
    ? {
        field: "text",
        message: `Instagram messages can be at most ${limit} bytes (${limit} plain letters; accented letters, other scripts and emoji count more). Shorten it or split it.`,
      }
    : { field: "text", message: `Messages can be at most ${limit} characters.` };
}

const isImage = (a: { contentType: string }) => a.contentType.startsWith("image/");

/** What one message may hold; checked by the send API before anything is stored. */
export function checkOutboundContent(platform: Platform, content: { text: string | null; attachments: { contentType: string }[] }): RuleProblem | null {
  const { text, attachments } = content;
  if (text && attachments.length > 0) {
    return { field: "attachments", message: "Meta delivers text and files as separate messages: send the text and the attachments one after the other." };
  }
  if (text) {
    const problem = checkText(platform, text);
    if (problem) return problem;
  }
  if (attachments.length > 1) {
    if (!attachments.every(isImage)) return { field: "attachments", message: "Several files in one message must all be images; send other files one per message." };
    if (attachments.length > MAX_IMAGES_PER_MESSAGE[platform]) {
      return { field: "attachments", message: `Send at most ${MAX_IMAGES_PER_MESSAGE[platform]} images in one message.` };
    }
  }
  return null;
}

export interface OutgoingAttachment {
  uploadId: string;
  contentType: string;
}

export interface OutgoingPart<A extends OutgoingAttachment> {
  text: string | null;
  attachments: A[];
  replyToMessageId: string | null;
}

/**
 * A reply as the agent wrote it split into the messages Meta accepts: files first (as the person reads a
 * caption under a photo), images together up to the platform's count, other files alone, then the text.
 * The quote rides on the first message. Every part passes checkOutboundContent.
 */
export function splitOutgoing<A extends OutgoingAttachment>(platform: Platform, reply: { text: string | null; attachments: A[]; replyToMessageId: string | null }): OutgoingPart<A>[] {
  const images = reply.attachments.filter(isImage);
  const others = reply.attachments.filter((a) => !isImage(a));
  const parts: { text: string | null; attachments: A[] }[] = [];
  const perMessage = MAX_IMAGES_PER_MESSAGE[platform];
  for (let i = 0; i < images.length; i += perMessage) parts.push({ text: null, attachments: images.slice(i, i + perMessage) });
  for (const file of others) parts.push({ text: null, attachments: [file] });
  if (reply.text) parts.push({ text: reply.text, attachments: [] });
  return parts.map((part, index) => ({ ...part, replyToMessageId: index === 0 ? reply.replyToMessageId : null }));
}

/** The browser's check before uploading (from the file's declared type and size; the server sniffs the bytes). */
export function checkAttachmentFile(file: { name: string; type: string; size: number }): string | null {
  const kind: UploadKind | null = IMAGE_TYPES.includes(file.type)
    ? "image"
    : file.type === "application/pdf"
      ? "pdf"
      : file.type.startsWith("audio/")
        ? "audio"
        : file.type.startsWith("video/")
          ? "video"
          : null;
  if (!kind) return `${file.name} can't be sent: attach ${ACCEPTED_FORMATS_TEXT}.`;
  if (file.size === 0) return `${file.name} is empty.`;
  const limit = UPLOAD_LIMIT_BYTES[kind];
  return file.size <= limit ? null : `${file.name} is larger than ${limit / MB} MB, the limit for ${kind === "image" ? "images" : "files"}.`;
}
