// The one shape attachments are stored in (Message.attachments, read by lib/messages/message-view.ts), from
// either source: webhook attachments (`{type, payload:{url, sticker_id, title}}`) and Graph message attachments
// (`{id, mime_type, name, image_data|video_data|file_url}` plus a separate `sticker`). Webhook attachments are
// made storable by the parser; Graph's here (NUL removed, capped: lib/sync/storable-content.ts). Pure.
import type { GraphAttachment, GraphMessage } from "@/lib/meta/graph-types";
import type { WebhookAttachment } from "@/lib/webhooks/parse-webhook";
import { CONTENT_LIMITS, storableJson, storableText, storableUrl } from "./storable-content";

export interface StoredAttachment {
  type: string;
  url: string | null;
  title: string | null;
  name: string | null;
  mimeType: string | null;
  stickerId: string | null;
  payload?: unknown;
}

export function attachmentsFromWebhook(list: WebhookAttachment[]): StoredAttachment[] | null {
  if (list.length === 0) return null;
  return list.map((a) => ({
    type: a.type,
    url: a.url,
    title: a.title,
    name: null,
    mimeType: null,
    stickerId: a.stickerId,
    ...(a.payload !== null ? { payload: a.payload } : {}),
  }));
}

function graphAttachmentType(a: GraphAttachment): string {
  if (a.image_data) return "image";
  if (a.video_data) return "video";
  if (a.generic_template) return "template";
  if (a.mime_type?.startsWith("audio/")) return "audio";
  if (a.mime_type?.startsWith("image/")) return "image";
  if (a.mime_type?.startsWith("video/")) return "video";
  return "file";
}

export function attachmentsFromGraph(message: GraphMessage): StoredAttachment[] | null {
  const list: StoredAttachment[] = (message.attachments?.data ?? []).slice(0, CONTENT_LIMITS.attachments).map((a) => ({
    type: graphAttachmentType(a),
    url: storableUrl(a.image_data?.url ?? a.video_data?.url ?? a.file_url),
    title: null,
    name: storableText(a.name, CONTENT_LIMITS.titleChars),
    mimeType: storableText(a.mime_type, 200),
    stickerId: null,
    ...(a.generic_template ? { payload: storableJson(a.generic_template) } : {}),
  }));
  const sticker = storableUrl(message.sticker);
  if (sticker) {
    // Since June 2026 a sticker may also come as an image attachment of the same URL: one sticker, not two.
    const same = list.find((a) => a.url === sticker);
    if (same) same.type = "sticker";
    else list.push({ type: "sticker", url: sticker, title: null, name: null, mimeType: null, stickerId: null });
  }
  return list.length > 0 ? list : null;
}
