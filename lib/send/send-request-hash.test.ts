import { describe, expect, it } from "vitest";
import { sendRequestHash } from "./send-request-hash";

const conversationId = "0b6c8a8e-5a43-4c1e-9d6e-2f1f3b1c9a77";
const upload = "7d0f3b0a-2f64-4f55-9a55-1b2d3c4d5e6f";

describe("send request fingerprint", () => {
  it("is the same for the same request, whatever the id case or absent optional fields", () => {
    expect(sendRequestHash({ conversationId, text: "Hi" })).toBe(sendRequestHash({ conversationId: conversationId.toUpperCase(), text: "Hi", attachments: [] }));
  });

  it.each([
    ["another text", { conversationId, text: "Hi!" }],
    ["another conversation", { conversationId: upload, text: "Hi" }],
    ["an attachment", { conversationId, attachments: [{ uploadId: upload }] }],
    ["a reply target", { conversationId, text: "Hi", replyToMessageId: upload }],
  ])("differs for %s", (_name, other) => {
    expect(sendRequestHash(other)).not.toBe(sendRequestHash({ conversationId, text: "Hi" }));
  });
});
