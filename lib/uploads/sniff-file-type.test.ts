import { describe, expect, it } from "vitest";
import { sniffFileType } from "./sniff-file-type";

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : p)));
const ftyp = (brand: string) => bytes([0, 0, 0, 0x20], "ftyp", brand, [0, 0, 0, 0], "isommp41");

describe("file type from the first bytes", () => {
  it.each<[string, Uint8Array, string | null]>([
    ["PNG", bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), "image/png"],
    ["JPEG", bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), "image/jpeg"],
    ["GIF", bytes("GIF89a", [1, 0]), "image/gif"],
    ["WebP", bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 "), "image/webp"],
    ["PDF", bytes("%PDF-1.7\n"), "application/pdf"],
    ["WAV", bytes("RIFF", [0, 0, 0, 0], "WAVEfmt "), "audio/wav"],
    ["AVI", bytes("RIFF", [0, 0, 0, 0], "AVI LIST"), "video/x-msvideo"],
    ["M4A", ftyp("M4A "), "audio/mp4"],
    ["MP4", ftyp("isom"), "video/mp4"],
    ["MOV", ftyp("qt  "), "video/quicktime"],
    ["HEIC (not a Meta format)", ftyp("heic"), null],
    ["Ogg Theora", bytes("OggS", Array(24).fill(0), [0x80], "theora"), "video/ogg"],
    ["Ogg Opus (audio, not among Meta's)", bytes("OggS", Array(24).fill(0), "OpusHead"), null],
    ["WebM", bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84], "webm"), "video/webm"],
    ["Matroska", bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88], "matroska"), null],
    ["AAC (ADTS)", bytes([0xff, 0xf1, 0x50, 0x80]), "audio/aac"],
    ["MP3 (not among Meta's audio formats)", bytes([0xff, 0xfb, 0x90, 0x64]), null],
    ["HTML claiming to be an image", bytes("<!doctype html><script>"), null],
    ["SVG", bytes("<svg xmlns="), null],
    ["empty", bytes(), null],
  ])("%s → %s", (_name, data, contentType) => {
    expect(sniffFileType(data)?.contentType ?? null).toBe(contentType);
  });
});
