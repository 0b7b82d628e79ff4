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

describe("send request fingerprint at its edges", () => {
  it("upload and reply ids are compared without case; text is compared exactly", () => {
    const a = sendRequestHash({ conversationId, attachments: [{ uploadId: upload }], replyToMessageId: upload });
    expect(sendRequestHash({ conversationId, attachments: [{ uploadId: upload.toUpperCase() }], replyToMessageId: upload.toUpperCase() })).toBe(a);
    expect(sendRequestHash({ conversationId, text: "hi" })).not.toBe(sendRequestHash({ conversationId, text: "Hi" }));
  });

  it("the order of the files counts, and no text differs from an empty list of files", () => {
    const other = "8e1f4c1b-3a75-4a66-8b66-2c3d4e5f6a7b";
    expect(sendRequestHash({ conversationId, attachments: [{ uploadId: upload }, { uploadId: other }] })).not.toBe(
      sendRequestHash({ conversationId, attachments: [{ uploadId: other }, { uploadId: upload }] }),
    );
    expect(sendRequestHash({ conversationId })).toBe(sendRequestHash({ conversationId, attachments: [] }));
    expect(sendRequestHash({ conversationId })).toMatch(/^[0-9a-f]{64}$/);
  });
});
