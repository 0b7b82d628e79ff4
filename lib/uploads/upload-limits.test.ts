import { describe, expect, it } from "vitest";
import { sniffFileType } from "./sniff-file-type";
import { checkUpload, safeFileName } from "./upload-limits";

const MB = 1024 * 1024;
const png = sniffFileType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))!;
const pdf = sniffFileType(new Uint8Array(Buffer.from("%PDF-1.4")))!;

describe("upload limits", () => {
  it("images up to 8 MB, other files up to 25 MB", () => {
    expect(checkUpload(png, 8 * MB)).toBeNull();
    expect(checkUpload(png, 8 * MB + 1)).toMatchObject({ code: "payload_too_large" });
    expect(checkUpload(png, 8 * MB + 1)?.message).toMatch(/Images can be at most 8 MB/);
    expect(checkUpload(pdf, 25 * MB)).toBeNull();
    expect(checkUpload(pdf, 25 * MB + 1)).toMatchObject({ code: "payload_too_large" });
  });

  it("unknown formats are 415 with the list of what works; empty files are refused", () => {
    expect(checkUpload(null, 10)).toMatchObject({ code: "unsupported_media_type" });
    expect(checkUpload(null, 10)?.message).toMatch(/PNG, JPEG/);
    expect(checkUpload(png, 0)).toMatchObject({ code: "invalid_request" });
  });

  it("file names lose paths and unsafe characters and get an extension matching their real type", () => {
    expect(safeFileName("C:\\Users\\ana\\label.PNG", png)).toBe("label.png");
    expect(safeFileName("../../etc/passwd", png)).toBe("passwd.png");
    expect(safeFileName('inv"oice<1>.pdf', pdf)).toBe("invoice1.pdf");
    expect(safeFileName("photo.exe", png)).toBe("photo.exe.png");
    expect(safeFileName("", pdf)).toBe("file.pdf");
    expect(safeFileName("Reçu 日本.pdf", pdf)).toBe("Reçu 日本.pdf");
  });
});
