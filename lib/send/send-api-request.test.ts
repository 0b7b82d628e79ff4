import { describe, expect, it } from "vitest";
import { metaAttachmentType, senderActionRequest, sendApiRequest, type OutboundAttachment } from "./send-api-request";

const attachment = (type: OutboundAttachment["type"], n = 1): OutboundAttachment => ({
  type,
  url: `https://inbox.example/api/uploads/u${n}/sig/file${n}`,
  name: `file${n}`,
  uploadId: `u${n}`,
  contentType: type === "file" ? "application/pdf" : `${type}/x`,
  sizeBytes: 10,
});
const base = { recipientId: "24512345678901234", metadata: "inbox:v1:abc", replyToMid: null, attachments: [] as OutboundAttachment[], text: null };

describe("Send API request bodies", () => {
  it("a reply inside 24 h: RESPONSE without a tag, text and our metadata", () => {
    expect(sendApiRequest({ ...base, messagingType: "RESPONSE", tag: null, text: "Hi 👋" })).toEqual({
      recipient: { id: "24512345678901234" },
      messaging_type: "RESPONSE",
      message: { metadata: "inbox:v1:abc", text: "Hi 👋" },
    });
  });

  it("a human agent's reply after 24 h carries MESSAGE_TAG + HUMAN_AGENT, and reply_to at the top level", () => {
    expect(sendApiRequest({ ...base, messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT", text: "Hi", replyToMid: "m_1" })).toEqual({
      recipient: { id: "24512345678901234" },
      messaging_type: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
      message: { metadata: "inbox:v1:abc", text: "Hi" },
      reply_to: { mid: "m_1" },
    });
  });

  it("one file goes as `attachment` by URL; several images as `attachments[]`", () => {
    expect(sendApiRequest({ ...base, messagingType: "RESPONSE", tag: null, attachments: [attachment("file")] }).message).toEqual({
      metadata: "inbox:v1:abc",
      attachment: { type: "file", payload: { url: "https://inbox.example/api/uploads/u1/sig/file1", is_reusable: false } },
    });
    expect(sendApiRequest({ ...base, messagingType: "RESPONSE", tag: null, attachments: [attachment("image", 1), attachment("image", 2)] }).message).toEqual({
      metadata: "inbox:v1:abc",
      attachments: [
        { type: "image", payload: { url: "https://inbox.example/api/uploads/u1/sig/file1" } },
        { type: "image", payload: { url: "https://inbox.example/api/uploads/u2/sig/file2" } },
      ],
    });
  });

  it("sender actions carry only the recipient and the action", () => {
    expect(senderActionRequest("123", "typing_on")).toEqual({ recipient: { id: "123" }, sender_action: "typing_on" });
    expect(Object.keys(senderActionRequest("123", "mark_seen")).sort()).toEqual(["recipient", "sender_action"]);
  });

  it.each([
    ["image/png", "image"],
    ["video/webm", "video"],
    ["audio/mp4", "audio"],
    ["application/pdf", "file"],
  ])("%s is sent as %s", (contentType, type) => {
    expect(metaAttachmentType(contentType)).toBe(type);
  });
});

describe("Send API request bodies at their edges", () => {
  it("no tag and no reply target: neither key is present", () => {
    expect(Object.keys(sendApiRequest({ ...base, messagingType: "RESPONSE", tag: null, text: "Hi" })).sort()).toEqual(["message", "messaging_type", "recipient"]);
  });

  it("a single image goes as `attachment` with is_reusable false", () => {
    expect(sendApiRequest({ ...base, messagingType: "RESPONSE", tag: null, attachments: [attachment("image")] }).message).toEqual({
      metadata: "inbox:v1:abc",
      attachment: { type: "image", payload: { url: "https://inbox.example/api/uploads/u1/sig/file1", is_reusable: false } },
    });
  });

  it("an empty text counts as no text", () => {
    expect(sendApiRequest({ ...base, messagingType: "RESPONSE", tag: null, text: "", attachments: [attachment("video")] }).message).toMatchObject({
      attachment: { type: "video" },
    });
  });

  it.each([
    ["image/gif", "image"],
    ["video/mp4", "video"],
    ["audio/wav", "audio"],
    ["text/plain", "file"],
    ["application/image", "file"],
  ])("%s is sent as %s (by the start of the type only)", (contentType, type) => {
    expect(metaAttachmentType(contentType)).toBe(type);
  });
});
