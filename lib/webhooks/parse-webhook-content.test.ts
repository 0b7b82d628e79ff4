// Content of webhook items as the processor stores it: NUL-free, capped, stickers once, story replies kept.
import { describe, expect, it } from "vitest";
import { CONTENT_LIMITS } from "@/lib/sync/storable-content";
import { readWebhookEnvelope, webhookItems, type WebhookItem } from "./parse-webhook";

function one(object: "page" | "instagram", item: Record<string, unknown>): WebhookItem {
  const read = readWebhookEnvelope(JSON.stringify({ object, entry: [{ id: "CHANNEL", time: 1_800_000_000_000, messaging: [item] }] }));
  if (!read.ok) throw new Error(read.reason);
  const { items } = webhookItems(read.envelope);
  expect(items).toHaveLength(1);
  return items[0]!;
}
const message = (body: Record<string, unknown>) => ({ sender: { id: "PSID" }, recipient: { id: "CHANNEL" }, timestamp: 1_800_000_000_000, message: { mid: "m_1", ...body } });

describe("webhook item content", () => {
  it("removes NUL from text, payloads, titles, emoji and ids", () => {
    expect(one("page", message({ text: "a\u0000b", quick_reply: { payload: "P\u0000" } }))).toMatchObject({ text: "ab", quickReplyPayload: "P" });
    expect(one("page", { sender: { id: "PSID" }, recipient: { id: "CHANNEL" }, timestamp: 1, postback: { mid: "pb\u0000", title: "T\u0000", payload: "\u0000X" } })).toMatchObject({ mid: "pb", title: "T", payload: "X" });
    expect(one("page", { sender: { id: "PSID" }, recipient: { id: "CHANNEL" }, timestamp: 1, reaction: { mid: "m_1", action: "react", emoji: "👍\u0000", reaction: "like\u0000" } })).toMatchObject({ emoji: "👍", reaction: "like" });
    expect(one("page", { sender: { id: "PSID" }, recipient: { id: "CHANNEL" }, timestamp: 1, message_edit: { mid: "m_1", text: "\u0000fixed", num_edit: 1 } })).toMatchObject({ text: "fixed" });
  });

  it("caps what a message carries", () => {
    const item = one(
      "page",
      message({
        text: "t".repeat(1_000_000),
        quick_reply: { payload: "p".repeat(5_000) },
        attachments: Array.from({ length: 80 }, (_, i) => ({ type: "image", payload: { url: i === 0 ? `https://x/${"u".repeat(20_000)}` : `https://x/${i}.png`, title: "T".repeat(5_000) } })),
        referral: { ref: "r".repeat(50_000), source: "ADS", ad_id: "42" },
      }),
    );
    if (item.type !== "message") throw new Error(item.type);
    expect(item.text!.length).toBe(CONTENT_LIMITS.textChars);
    expect(item.quickReplyPayload!.length).toBe(CONTENT_LIMITS.payloadChars);
    expect(item.attachments).toHaveLength(CONTENT_LIMITS.attachments);
    expect(item.attachments[0]!.url).toBeNull();
    expect(item.attachments[1]).toMatchObject({ url: "https://x/1.png" });
    expect(item.attachments[1]!.title!.length).toBe(CONTENT_LIMITS.titleChars);
    expect(item.referral).toMatchObject({ isAd: true, adId: "42" });
    expect(item.referral!.ref!.length).toBe(CONTENT_LIMITS.payloadChars);
    expect(JSON.stringify(item.referral!.raw).length).toBeLessThanOrEqual(CONTENT_LIMITS.objectBytes);
  });

  it("ignores items whose mid is not a Meta id", () => {
    const read = readWebhookEnvelope(JSON.stringify({ object: "page", entry: [{ id: "CHANNEL", messaging: [message({ mid: "m".repeat(5_000), text: "x" })] }] }));
    if (!read.ok) throw new Error(read.reason);
    expect(webhookItems(read.envelope).items).toEqual([]);
  });

  it("keeps one sticker when Meta sends it as `sticker` and as its legacy `image` duplicate, in either order", () => {
    const sticker = { type: "sticker", payload: { url: "https://x/s.png", sticker_id: 369239263222822 } };
    const image = { type: "image", payload: { url: "https://x/s.png", sticker_id: 369239263222822 } };
    for (const attachments of [[image, sticker], [sticker, image]]) {
      const item = one("page", message({ attachments }));
      expect(item).toMatchObject({ attachments: [{ type: "sticker", stickerId: "369239263222822", url: "https://x/s.png" }] });
    }
    // Before the transition: the legacy image alone is a sticker too.
    expect(one("page", message({ attachments: [image] }))).toMatchObject({ attachments: [{ type: "sticker", stickerId: "369239263222822" }] });
    // Two different stickers stay two; plain photos are untouched.
    const two = one("page", message({ attachments: [sticker, { type: "sticker", payload: { url: "https://x/t.png", sticker_id: 1 } }, { type: "image", payload: { url: "https://x/p.jpg" } }] }));
    expect(two).toMatchObject({ attachments: [{ type: "sticker", stickerId: "369239263222822" }, { type: "sticker", stickerId: "1" }, { type: "image", stickerId: null }] });
  });

  it("of a sticker sent in both forms, keeps the `sticker` attachment's own url, in either order", () => {
    const legacy = { type: "image", payload: { url: "https://x/legacy.png", sticker_id: 369239263222822 } };
    const sticker = { type: "sticker", payload: { url: "https://x/sticker.webp", sticker_id: 369239263222822 } };
    for (const attachments of [[legacy, sticker], [sticker, legacy]]) {
      expect(one("page", message({ attachments }))).toMatchObject({ attachments: [{ type: "sticker", stickerId: "369239263222822", url: "https://x/sticker.webp" }] });
    }
  });

  it("the same sticker twice in one form is kept once: the first", () => {
    for (const type of ["sticker", "image"]) {
      const twice = [1, 2].map((n) => ({ type, payload: { url: `https://x/${n}.png`, sticker_id: 7 } }));
      expect(one("page", message({ attachments: twice }))).toMatchObject({ attachments: [{ type: "sticker", stickerId: "7", url: "https://x/1.png" }] });
    }
  });

  it("a sticker after a photo stays after it (Meta's order is kept)", () => {
    const item = one("page", message({ attachments: [{ type: "image", payload: { url: "https://x/p.jpg" } }, { type: "sticker", payload: { url: "https://x/s.png", sticker_id: 1 } }] }));
    expect(item).toMatchObject({ attachments: [{ type: "image", stickerId: null }, { type: "sticker", stickerId: "1" }] });
  });

  it("only an `image` carrying a sticker_id is the legacy sticker: other types keep their own", () => {
    const item = one("page", message({ attachments: [{ type: "video", payload: { url: "https://x/v.mp4", sticker_id: 1 } }] }));
    expect(item).toMatchObject({ attachments: [{ type: "video", stickerId: "1" }] });
  });

  it("keeps the story an Instagram reply answers, and ig_post shares with url and title", () => {
    const reply = one("instagram", message({ text: "nice", reply_to: { story: { url: "https://lookaside/story", id: "17890000000000001" } } }));
    expect(reply).toMatchObject({ type: "message", replyToMid: null, replyToStory: { id: "17890000000000001", url: "https://lookaside/story" } });
    expect(one("instagram", message({ text: "plain" }))).toMatchObject({ replyToStory: null });
    const share = one("instagram", message({ attachments: [{ type: "ig_post", payload: { url: "https://www.instagram.com/p/1/", title: "Drop", id: "179" } }] }));
    expect(share).toMatchObject({ attachments: [{ type: "ig_post", url: "https://www.instagram.com/p/1/", title: "Drop" }] });
  });
});
