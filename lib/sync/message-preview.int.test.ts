// The list's one-line preview of a message (SQL's message_preview(), shared by the synced summary and our
// own sends): text first, then what the message is — naming the file when its name is known.
import { describe, expect, it } from "vitest";
import { pool } from "@/lib/db";

async function preview(body: string | null, kind: string, payload: unknown, attachments: unknown): Promise<string> {
  const { rows } = await pool.query<{ preview: string }>("SELECT message_preview($1, $2, $3::jsonb, $4::jsonb) AS preview", [
    body,
    kind,
    payload === null ? null : JSON.stringify(payload),
    attachments === null ? null : JSON.stringify(attachments),
  ]);
  return rows[0]!.preview;
}

describe("message_preview", () => {
  it.each([
    ["text wins over attachments", "Here you go", "MESSAGE", null, [{ type: "image", name: "a.jpg" }], "Here you go"],
    ["an empty text is no text", "", "MESSAGE", null, [{ type: "file", name: "invoice.pdf" }], "File: invoice.pdf"],
    ["a photo without a name (Meta's inbound images)", null, "MESSAGE", null, [{ type: "image", url: "https://x/y.jpg" }], "Photo"],
    ["a named photo and two more", null, "MESSAGE", null, [{ type: "image", name: "receipt.jpg" }, { type: "image" }, { type: "image" }], "Photo: receipt.jpg +2"],
    ["a voice message", null, "MESSAGE", null, [{ type: "audio" }], "Voice message"],
    ["a sticker", null, "MESSAGE", null, [{ type: "sticker" }], "Sticker"],
    ["a video", null, "MESSAGE", null, [{ type: "video", name: "clip.mp4" }], "Video: clip.mp4"],
    ["an unknown kind of attachment", null, "MESSAGE", null, [{ type: "ig_post" }], "Attachment"],
    ["an empty attachment list", null, "MESSAGE", null, [], ""],
    ["an ad referral", null, "REFERRAL", { source: "ADS" }, null, "Opened the conversation from an ad"],
    ["a referral with an ad id", null, "REFERRAL", { ad_id: "1" }, null, "Opened the conversation from an ad"],
    ["a link referral", null, "REFERRAL", { source: "SHORTLINK" }, null, "Opened the conversation from a link"],
    ["nothing at all", null, "MESSAGE", null, null, ""],
  ])("%s", async (_name, body, kind, payload, attachments, expected) => {
    expect(await preview(body, kind, payload, attachments)).toBe(expected);
  });
});
