// The body of Meta's Send API call (`POST /{page-id}/messages`, REFERENCE.md §3) for one outbox message,
// and of a sender action. Pure.

export type MetaAttachmentType = "image" | "video" | "audio" | "file";

/** An agent's attachment as stored on the message (`Message.attachments`) and shown by the thread. */
export interface OutboundAttachment {
  type: MetaAttachmentType;
  /** Our public, signed URL: Meta fetches the file from it. */
  url: string;
  name: string;
  uploadId: string;
  contentType: string;
  sizeBytes: number;
}

export function metaAttachmentType(contentType: string): MetaAttachmentType {
  if (contentType.startsWith("image/")) return "image";
  if (contentType.startsWith("video/")) return "video";
  if (contentType.startsWith("audio/")) return "audio";
  return "file";
}

export interface SendApiRequestInput {
  /** PSID or IGSID. */
  recipientId: string;
  /** A private reply goes to the comment (`recipient: {comment_id}`), without messaging_type or tag. */
  privateReplyCommentId?: string | null;
  messagingType: "RESPONSE" | "MESSAGE_TAG" | null;
  tag: "HUMAN_AGENT" | null;
  text: string | null;
  attachments: OutboundAttachment[];
  /** outboxMetadata(messageId): comes back on the echo. */
  metadata: string;
  replyToMid: string | null;
  /** A satisfaction survey's content (lib/csat/csat-survey.ts surveyMessage) in place of text/attachments. */
  survey?: Record<string, unknown> | null;
}

/**
 * Meta takes exactly one of text / attachment / attachments per message (the send API refuses other
 * combinations before this point); several attachments go as `attachments[]`, which Meta allows for
 * images only.
 */
export function sendApiRequest(input: SendApiRequestInput): Record<string, unknown> {
  const message: Record<string, unknown> = { metadata: input.metadata };
  if (input.survey) {
    Object.assign(message, input.survey);
  } else if (input.text) {
    message.text = input.text;
  } else if (input.attachments.length === 1) {
    const [a] = input.attachments;
    message.attachment = { type: a!.type, payload: { url: a!.url, is_reusable: false } };
  } else {
    message.attachments = input.attachments.map((a) => ({ type: a.type, payload: { url: a.url } }));
  }
  if (input.privateReplyCommentId) return { recipient: { comment_id: input.privateReplyCommentId }, message };
  return {
    recipient: { id: input.recipientId },
    messaging_type: input.messagingType ?? "RESPONSE",
    ...(input.tag ? { tag: input.tag } : {}),
    message,
    ...(input.replyToMid ? { reply_to: { mid: input.replyToMid } } : {}),
  };
}

export type SenderAction = "typing_on" | "mark_seen";

/** Sender actions go alone: recipient and sender_action, nothing else (REFERENCE.md §3). */
export function senderActionRequest(recipientId: string, action: SenderAction): Record<string, unknown> {
  return { recipient: { id: recipientId }, sender_action: action };
}
