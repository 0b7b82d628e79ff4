import { describe, expect, it } from "vitest";
import { checkOutboundContent } from "./outbound-content-rules";

const png = { contentType: "image/png" };
const pdf = { contentType: "application/pdf" };

describe("what one message may hold", () => {
  it("accepts text alone, one file, or several images", () => {
    expect(checkOutboundContent("MESSENGER", { text: "Hi", attachments: [] })).toBeNull();
    expect(checkOutboundContent("MESSENGER", { text: null, attachments: [pdf] })).toBeNull();
    expect(checkOutboundContent("INSTAGRAM", { text: null, attachments: Array(10).fill(png) })).toBeNull();
  });

  it("refuses text with attachments (Meta takes one or the other)", () => {
    expect(checkOutboundContent("MESSENGER", { text: "Hi", attachments: [png] })?.field).toBe("attachments");
  });

  it("refuses several files that are not all images", () => {
    expect(checkOutboundContent("MESSENGER", { text: null, attachments: [png, pdf] })?.message).toMatch(/must all be images/);
  });

  it("Instagram: at most 10 images and 1000 UTF-8 bytes of text", () => {
    expect(checkOutboundContent("INSTAGRAM", { text: null, attachments: Array(11).fill(png) })?.message).toMatch(/at most 10 images/);
    expect(checkOutboundContent("INSTAGRAM", { text: "a".repeat(1000), attachments: [] })).toBeNull();
    expect(checkOutboundContent("INSTAGRAM", { text: "a".repeat(1001), attachments: [] })?.field).toBe("text");
    // 334 Japanese characters are 1002 bytes: fine on Messenger, too long for Instagram.
    expect(checkOutboundContent("INSTAGRAM", { text: "日".repeat(334), attachments: [] })?.message).toMatch(/1000 bytes/);
    expect(checkOutboundContent("MESSENGER", { text: "日".repeat(334), attachments: [] })).toBeNull();
  });
});
