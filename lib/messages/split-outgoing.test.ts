import { describe, expect, it } from "vitest";
import { splitOutgoing } from "./split-outgoing";

const png = (n: number) => ({ uploadId: `img-${n}`, contentType: "image/png" });
const pdf = { uploadId: "doc", contentType: "application/pdf" };

describe("splitOutgoing", () => {
  it("text alone stays one message with its quote", () => {
    expect(splitOutgoing("MESSENGER", { text: "Hi", attachments: [], replyToMessageId: "q" })).toEqual([
      { text: "Hi", attachments: [], replyToMessageId: "q" },
    ]);
  });

  it("files go before the text, images together, other files alone; the quote rides on the first", () => {
    const parts = splitOutgoing("MESSENGER", { text: "Here you go", attachments: [png(1), pdf, png(2)], replyToMessageId: "q" });
    expect(parts).toEqual([
      { text: null, attachments: [png(1), png(2)], replyToMessageId: "q" },
      { text: null, attachments: [pdf], replyToMessageId: null },
      { text: "Here you go", attachments: [], replyToMessageId: null },
    ]);
  });

  it("respects Meta's image count per message: 10 on Instagram, 30 on Messenger", () => {
    const twelve = Array.from({ length: 12 }, (_, i) => png(i));
    expect(splitOutgoing("INSTAGRAM", { text: null, attachments: twelve, replyToMessageId: null }).map((p) => p.attachments.length)).toEqual([10, 2]);
    expect(splitOutgoing("MESSENGER", { text: null, attachments: twelve, replyToMessageId: null }).map((p) => p.attachments.length)).toEqual([12]);
  });

  it("nothing to send gives no message", () => {
    expect(splitOutgoing("MESSENGER", { text: null, attachments: [], replyToMessageId: null })).toEqual([]);
  });
});
