// The one shape attachments are stored in (Message.attachments, read by lib/messages/message-view.ts), from
// either source: webhook attachments (`{type, payload:{url, sticker_id, title}}`) and Graph message attachments
// (`{id, mime_type, name, image_data|video_data|file_url}` plus a separate `sticker`). Pure.
import type { GraphAttachment, GraphMessage } from "@/lib/meta/graph-types";
import type { WebhookAttachment } from "@/lib/webhooks/parse-webhook";

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
  const list: StoredAttachment[] = (message.attachments?.data ?? []).map((a) => ({
    type: graphAttachmentType(a),
    url: a.image_data?.url ?? a.video_data?.url ?? a.file_url ?? null,
    title: null,
    name: a.name ?? null,
    mimeType: a.mime_type ?? null,
    stickerId: null,
    ...(a.generic_template ? { payload: a.generic_template } : {}),
  }));
  if (message.sticker) list.push({ type: "sticker", url: message.sticker, title: null, name: null, mimeType: null, stickerId: null });
  return list.length > 0 ? list : null;
}
