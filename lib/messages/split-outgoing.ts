// A reply as the agent wrote it (text, files, a quoted message) split into the messages Meta accepts: text and
// files never share a message, several files share one only when all are images (up to Meta's count), any
// other file goes alone. Files first, then the text — as the person reads a caption under a photo. The quote
// rides on the first message. Pure; the composer sends the parts in order, each with its own
// Idempotency-Key.
import type { Platform } from "@/lib/policy/window-policy";
import { MAX_IMAGES_PER_MESSAGE } from "./outbound-limits";

export interface OutgoingAttachment {
  uploadId: string;
  contentType: string;
}

export interface OutgoingPart<A extends OutgoingAttachment> {
  text: string | null;
  attachments: A[];
  replyToMessageId: string | null;
}

export function splitOutgoing<A extends OutgoingAttachment>(
  platform: Platform,
  reply: { text: string | null; attachments: A[]; replyToMessageId: string | null },
): OutgoingPart<A>[] {
  const images = reply.attachments.filter((a) => a.contentType.startsWith("image/"));
  const others = reply.attachments.filter((a) => !a.contentType.startsWith("image/"));
  const parts: { text: string | null; attachments: A[] }[] = [];
  const perMessage = MAX_IMAGES_PER_MESSAGE[platform];
  for (let i = 0; i < images.length; i += perMessage) parts.push({ text: null, attachments: images.slice(i, i + perMessage) });
  for (const file of others) parts.push({ text: null, attachments: [file] });
  if (reply.text) parts.push({ text: reply.text, attachments: [] });
  return parts.map((part, index) => ({ ...part, replyToMessageId: index === 0 ? reply.replyToMessageId : null }));
}
