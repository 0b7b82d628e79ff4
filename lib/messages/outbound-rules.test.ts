import { describe, expect, it } from "vitest";
import {
  ACCEPTED_FILE_TYPES,
  ACCEPTED_FORMATS_TEXT,
  checkAttachmentFile,
  checkOutboundContent,
  checkText,
  MAX_ATTACHMENTS_PER_REQUEST,
  MAX_UPLOAD_BYTES,
  measureText,
  splitOutgoing,
} from "./outbound-rules";

const png = (n = 0) => ({ uploadId: `img-${n}`, contentType: "image/png" });
const pdf = { uploadId: "doc", contentType: "application/pdf" };
const images = (count: number) => Array.from({ length: count }, (_, i) => png(i));
const MB = 1024 * 1024;

describe("text", () => {
  it("Messenger counts characters: 2000 fit, 2001 do not", () => {
    expect(checkText("MESSENGER", "a".repeat(2000))).toBeNull();
    expect(checkText("MESSENGER", "a".repeat(2001))?.message).toBe("Messages can be at most 2000 characters.");
    expect(checkText("MESSENGER", "日".repeat(2000))).toBeNull();
  });

  it("Instagram counts UTF-8 bytes, the same in the browser and on the server", () => {
    expect(measureText("INSTAGRAM", "é")).toEqual({ used: 2, limit: 1000, unit: "bytes" });
    expect(measureText("INSTAGRAM", "日")).toMatchObject({ used: 3 });
    expect(measureText("INSTAGRAM", "👍")).toMatchObject({ used: 4 });
    expect(checkText("INSTAGRAM", "a".repeat(1000))).toBeNull();
    expect(checkText("INSTAGRAM", "a".repeat(1001))?.field).toBe("text");
    // 334 Japanese characters are 1002 bytes: fine on Messenger, too long for Instagram.
    expect(checkText("INSTAGRAM", "日".repeat(334))?.message).toMatch(/1000 bytes/);
    expect(checkText("MESSENGER", "日".repeat(334))).toBeNull();
  });

  it("measures the text as it is sent: trimmed", () => {
    expect(measureText("MESSENGER", "  hi \n")).toEqual({ used: 2, limit: 2000, unit: "characters" });
    expect(checkText("INSTAGRAM", `${"a".repeat(1000)}   `)).toBeNull();
  });
});

describe("what one message may hold", () => {
  it("text alone, one file, or several images", () => {
    expect(checkOutboundContent("MESSENGER", { text: "Hi", attachments: [] })).toBeNull();
    expect(checkOutboundContent("MESSENGER", { text: null, attachments: [pdf] })).toBeNull();
    expect(checkOutboundContent("INSTAGRAM", { text: null, attachments: images(10) })).toBeNull();
    expect(checkOutboundContent("MESSENGER", { text: null, attachments: images(30) })).toBeNull();
  });

  it("never text with files, never several files that are not all images", () => {
    expect(checkOutboundContent("MESSENGER", { text: "Hi", attachments: [png()] })?.field).toBe("attachments");
    expect(checkOutboundContent("MESSENGER", { text: null, attachments: [png(), pdf] })?.message).toMatch(/must all be images/);
  });

  it("at most 10 images on Instagram, 30 on Messenger", () => {
    expect(checkOutboundContent("INSTAGRAM", { text: null, attachments: images(11) })?.message).toMatch(/at most 10 images/);
    expect(checkOutboundContent("MESSENGER", { text: null, attachments: images(31) })?.message).toMatch(/at most 30 images/);
  });

  it("one request carries as many files as the most generous platform takes in one message", () => {
    expect(MAX_ATTACHMENTS_PER_REQUEST).toBe(30);
  });
});

describe("splitting a reply into messages", () => {
  it("text alone stays one message with its quote", () => {
    expect(splitOutgoing("MESSENGER", { text: "Hi", attachments: [], replyToMessageId: "q" })).toEqual([{ text: "Hi", attachments: [], replyToMessageId: "q" }]);
  });

  it("files go before the text, images together, other files alone; the quote rides on the first", () => {
    expect(splitOutgoing("MESSENGER", { text: "Here you go", attachments: [png(1), pdf, png(2)], replyToMessageId: "q" })).toEqual([
      { text: null, attachments: [png(1), png(2)], replyToMessageId: "q" },
      { text: null, attachments: [pdf], replyToMessageId: null },
      { text: "Here you go", attachments: [], replyToMessageId: null },
    ]);
  });

  it("respects Meta's image count per message: 10 on Instagram, 30 on Messenger", () => {
    expect(splitOutgoing("INSTAGRAM", { text: null, attachments: images(12), replyToMessageId: null }).map((p) => p.attachments.length)).toEqual([10, 2]);
    expect(splitOutgoing("MESSENGER", { text: null, attachments: images(12), replyToMessageId: null }).map((p) => p.attachments.length)).toEqual([12]);
    expect(splitOutgoing("MESSENGER", { text: null, attachments: images(31), replyToMessageId: null }).map((p) => p.attachments.length)).toEqual([30, 1]);
  });

  it.each(["MESSENGER", "INSTAGRAM"] as const)("every part it plans on %s passes the API's rules", (platform) => {
    const reply = { text: "Thanks!", attachments: [...images(25), pdf, pdf], replyToMessageId: null };
    for (const part of splitOutgoing(platform, reply)) {
      expect(checkOutboundContent(platform, part)).toBeNull();
      expect(part.attachments.length).toBeLessThanOrEqual(MAX_ATTACHMENTS_PER_REQUEST);
    }
  });

  it("nothing to send gives no message", () => {
    expect(splitOutgoing("MESSENGER", { text: null, attachments: [], replyToMessageId: null })).toEqual([]);
  });
});

describe("files the composer offers to upload", () => {
  it("images up to 8 MB, other files up to 25 MB, only Meta's formats", () => {
    expect(checkAttachmentFile({ name: "a.png", type: "image/png", size: 8 * MB })).toBeNull();
    expect(checkAttachmentFile({ name: "a.png", type: "image/png", size: 8 * MB + 1 })).toMatch(/larger than 8 MB/);
    expect(checkAttachmentFile({ name: "r.pdf", type: "application/pdf", size: 25 * MB })).toBeNull();
    expect(checkAttachmentFile({ name: "r.pdf", type: "application/pdf", size: 25 * MB + 1 })).toMatch(/larger than 25 MB/);
    expect(checkAttachmentFile({ name: "x.svg", type: "image/svg+xml", size: 10 })).toMatch(/can't be sent/);
    expect(checkAttachmentFile({ name: "e.png", type: "image/png", size: 0 })).toMatch(/empty/);
  });
});

describe("outbound rules at their edges", () => {
  it("Messenger measures in characters, Instagram in bytes: the unit the counter shows", () => {
    expect(measureText("MESSENGER", "é日")).toEqual({ used: 2, limit: 2000, unit: "characters" });
    expect(measureText("INSTAGRAM", "  é日 ")).toEqual({ used: 5, limit: 1000, unit: "bytes" });
  });

  it("the Instagram message names the byte limit and why letters count differently", () => {
    expect(checkText("INSTAGRAM", "a".repeat(1001))).toEqual({
      field: "text",
      message: "Instagram messages can be at most 1000 bytes (1000 plain letters; accented letters, other scripts and emoji count more). Shorten it or split it.",
    });
    expect(checkText("MESSENGER", "a".repeat(2001))).toEqual({ field: "text", message: "Messages can be at most 2000 characters." });
  });

  it("text with one file: one exact refusal naming separate messages", () => {
    expect(checkOutboundContent("INSTAGRAM", { text: "Hi", attachments: [pdf] })).toEqual({
      field: "attachments",
      message: "Meta delivers text and files as separate messages: send the text and the attachments one after the other.",
    });
  });

  it("text alone over the limit is refused on the text; empty text with one file is fine", () => {
    expect(checkOutboundContent("INSTAGRAM", { text: "日".repeat(334), attachments: [] })?.field).toBe("text");
    expect(checkOutboundContent("MESSENGER", { text: "", attachments: [pdf] })).toBeNull();
    expect(checkOutboundContent("MESSENGER", { text: null, attachments: [] })).toBeNull();
  });

  it("two files that are not images, and 11 images on Instagram: exact refusals", () => {
    expect(checkOutboundContent("MESSENGER", { text: null, attachments: [pdf, pdf] })).toEqual({
      field: "attachments",
      message: "Several files in one message must all be images; send other files one per message.",
    });
    expect(checkOutboundContent("INSTAGRAM", { text: null, attachments: images(11) })).toEqual({ field: "attachments", message: "Send at most 10 images in one message." });
    expect(checkOutboundContent("INSTAGRAM", { text: null, attachments: [pdf] })).toBeNull();
  });

  it("Instagram splits exactly at 10 images, with the text last and the quote on the first part only", () => {
    const parts = splitOutgoing("INSTAGRAM", { text: "See", attachments: images(20), replyToMessageId: "q" });
    expect(parts.map((p) => [p.attachments.length, p.text, p.replyToMessageId])).toEqual([
      [10, null, "q"],
      [10, null, null],
      [0, "See", null],
    ]);
    expect(parts[1]!.attachments[0]).toEqual(png(10));
  });

  it.each<[string, string, number, string | null]>([
    ["JPEG at 8 MB", "image/jpeg", 8 * MB, null],
    ["GIF at 8 MB", "image/gif", 8 * MB, null],
    ["WebP over 8 MB", "image/webp", 8 * MB + 1, "f is larger than 8 MB, the limit for images."],
    ["audio at 25 MB", "audio/mp4", 25 * MB, null],
    ["audio over 25 MB", "audio/wav", 25 * MB + 1, "f is larger than 25 MB, the limit for files."],
    ["video at 25 MB", "video/mp4", 25 * MB, null],
    ["video over 25 MB", "video/webm", 25 * MB + 1, "f is larger than 25 MB, the limit for files."],
    ["a PDF over 25 MB", "application/pdf", 25 * MB + 1, "f is larger than 25 MB, the limit for files."],
    ["one byte", "image/png", 1, null],
    ["an empty PDF", "application/pdf", 0, "f is empty."],
    ["a text file", "text/plain", 10, `f can't be sent: attach ${ACCEPTED_FORMATS_TEXT}.`],
    ["no declared type", "", 10, `f can't be sent: attach ${ACCEPTED_FORMATS_TEXT}.`],
  ])("a file: %s", (_name, type, size, expected) => {
    expect(checkAttachmentFile({ name: "f", type, size })).toBe(expected);
  });

  it("the file picker offers Meta's formats, and the largest upload is 25 MB", () => {
    expect(ACCEPTED_FILE_TYPES).toBe("image/png,image/jpeg,image/gif,image/webp,application/pdf,audio/*,video/*");
    expect(ACCEPTED_FORMATS_TEXT).toMatch(/PNG, JPEG, GIF, WebP/);
    expect(MAX_UPLOAD_BYTES).toBe(25 * MB);
  });
});
