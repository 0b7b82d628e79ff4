// What a file really is, from its first bytes: the browser's Content-Type and the file name are whatever
// the client says, and Meta refuses (or worse, mislabels) a file sent as the wrong type. Only the formats
// Meta accepts for attachments are recognised (REFERENCE.md §3: images png/jpeg/gif/webp; pdf; audio
// aac/m4a/wav/mp4; video mp4/ogg/avi/mov/webm). Pure.

import type { UploadKind } from "@/lib/messages/outbound-rules";

export type { UploadKind };

export interface SniffedFileType {
  kind: UploadKind;
  contentType: string;
  /** Extensions a file of this type may carry; the first is used when the name has none of them. */
  extensions: string[];
}

/** Enough of the file's start to recognise every supported format. */
export const SNIFF_BYTES = 4096;

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) => signature.every((b, i) => bytes[offset + i] === b);
const contains = (bytes: Uint8Array, text: string, limit: number) => Buffer.from(bytes.subarray(0, limit)).includes(text, 0, "latin1");

export function sniffFileType(bytes: Uint8Array): SniffedFileType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: "image", contentType: "image/png", extensions: ["png"] };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: "image", contentType: "image/jpeg", extensions: ["jpg", "jpeg"] };
  if (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a") return { kind: "image", contentType: "image/gif", extensions: ["gif"] };
  if (ascii(bytes, 0, 5) === "%PDF-") return { kind: "pdf", contentType: "application/pdf", extensions: ["pdf"] };
  if (ascii(bytes, 0, 4) === "RIFF") {
    const form = ascii(bytes, 8, 12);
    if (form === "WEBP") return { kind: "image", contentType: "image/webp", extensions: ["webp"] };
    if (form === "WAVE") return { kind: "audio", contentType: "audio/wav", extensions: ["wav"] };
    if (form === "AVI ") return { kind: "video", contentType: "video/x-msvideo", extensions: ["avi"] };
    return null;
  }
  if (ascii(bytes, 4, 8) === "ftyp") {
    const brand = ascii(bytes, 8, 12);
    if (brand === "M4A " || brand === "M4B ") return { kind: "audio", contentType: "audio/mp4", extensions: ["m4a", "mp4"] };
    if (brand === "qt  ") return { kind: "video", contentType: "video/quicktime", extensions: ["mov"] };
    // Images and phone formats in the same container (HEIC, AVIF, 3GP) are not among Meta's formats.
    if (/^(heic|heix|hevc|mif1|msf1|avif|avis|3g)/.test(brand)) return null;
    return { kind: "video", contentType: "video/mp4", extensions: ["mp4", "m4v"] };
  }
  if (ascii(bytes, 0, 4) === "OggS") {
    // Meta lists Ogg among video formats only; an Ogg voice note (Vorbis/Opus) would go out mislabelled.
    return contains(bytes, "\x80theora", SNIFF_BYTES) ? { kind: "video", contentType: "video/ogg", extensions: ["ogg", "ogv"] } : null;
  }
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) {
    // EBML: WebM declares DocType "webm"; other Matroska files ("matroska") are not accepted.
    return contains(bytes, "webm", 64) ? { kind: "video", contentType: "video/webm", extensions: ["webm"] } : null;
  }
  // AAC in ADTS frames: 12-bit sync word, MPEG layer 00 (MP3 frames have a non-zero layer).
  if (bytes[0] === 0xff && bytes[1] !== undefined && (bytes[1] & 0xf6) === 0xf0) return { kind: "audio", contentType: "audio/aac", extensions: ["aac"] };
  if (ascii(bytes, 0, 4) === "ADIF") return { kind: "audio", contentType: "audio/aac", extensions: ["aac"] };
  return null;
}
