// The one shape a message has outside the server: thread API, send API responses and realtime refetches
// all return MessageView, so the browser never sees a Prisma row (or a token, or Meta's raw response).
import type { Prisma } from "@/lib/generated/prisma/client";
import { withFreshUploadUrl } from "@/lib/uploads/public-upload-url";
import { describeSendError } from "./describe-send-error";

export interface AttachmentView {
  /** Meta's attachment type: image, video, audio, file, sticker, fallback, reel, ig_reel, post, ig_post, story_mention, share, template… */
  type: string;
  url: string | null;
  title: string | null;
  /** File name (agent uploads) or null. */
  name: string | null;
}

export interface MessageErrorView {
  /** Stable name of the reason (lib/meta/meta-error-table.ts keys, or ours: timeout, not_delivered…). */
  key: string;
  code: number | null;
  subcode: number | null;
  /** In the agent's language (lib/meta/error-map.ts), not Meta's. */
  message: string;
  /** What the agent can do: "retry", "wait", "reconnect", "none"… */
  action: string;
  fbtraceId: string | null;
}

export interface MessageView {
  id: string;
  conversationId: string;
  mid: string | null;
  kind: "MESSAGE" | "POSTBACK" | "REFERRAL";
  direction: "INBOUND" | "OUTBOUND";
  senderKind: "CONTACT" | "AGENT" | "OUR_APP" | "OTHER_APP";
  agent: { id: string; name: string } | null;
  appId: string | null;
  text: string | null;
  attachments: AttachmentView[];
  /** Postback payload and title, referral data, quick-reply payload. */
  payload: Record<string, unknown> | null;
  replyToMid: string | null;
  /** Instagram: the story this message answers (Meta's `reply_to.story`). */
  replyToStory: { id: string | null; url: string | null } | null;
  sentAt: string;
  /** When we stored it (never changes, unlike `sentAt`, which becomes Meta's time when our reply's echo arrives): the send API's `seenUpTo` compares against it. */
  recordedAt: string;
  editedAt: string | null;
  editCount: number;
  deletedAt: string | null;
  reactions: { actor: "CONTACT" | "PAGE"; emoji: string | null; reaction: string | null }[];
  messagingType: "RESPONSE" | "UPDATE" | "MESSAGE_TAG" | "UTILITY" | null;
  tag: string | null;
  sendStatus: "PENDING" | "SENT" | "FAILED" | null;
  hoursSinceInbound: number | null;
  error: MessageErrorView | null;
  idempotencyKey: string | null;
  /** A private reply: the comment it answers (the thread links back to the Comments view). */
  privateReplyTo: { commentId: string; text: string | null } | null;
}

export const messageViewSelect = {
  id: true,
  conversationId: true,
  mid: true,
  kind: true,
  direction: true,
  senderKind: true,
  agent: { select: { id: true, name: true } },
  appId: true,
  text: true,
  attachments: true,
  payload: true,
  replyToMid: true,
  sentAt: true,
  recordedAt: true,
  editedAt: true,
  editCount: true,
  deletedAt: true,
  reactions: { select: { actor: true, emoji: true, reaction: true } },
  messagingType: true,
  tag: true,
  sendStatus: true,
  hoursSinceInbound: true,
  errorCode: true,
  errorSubcode: true,
  errorMessage: true,
  fbtraceId: true,
  idempotencyKey: true,
  privateReplyComment: { select: { id: true, text: true } },
} satisfies Prisma.MessageSelect;

export type MessageViewRow = Prisma.MessageGetPayload<{ select: typeof messageViewSelect }>;

function attachmentsOf(value: Prisma.JsonValue | null): AttachmentView[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((raw) => {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) return [];
    // Our own uploads get a freshly signed URL on every read (signed URLs expire).
    const a = withFreshUploadUrl(raw as Record<string, unknown>);
    return [
      {
        type: typeof a.type === "string" ? a.type : "file",
        url: typeof a.url === "string" ? a.url : null,
        title: typeof a.title === "string" ? a.title : null,
        name: typeof a.name === "string" ? a.name : null,
      },
    ];
  });
}

function storyOf(payload: Prisma.JsonValue | null): MessageView["replyToStory"] {
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) return null;
  const story = (payload as Record<string, unknown>).replyToStory;
  if (!story || typeof story !== "object" || Array.isArray(story)) return null;
  const { id, url } = story as Record<string, unknown>;
  return { id: typeof id === "string" ? id : null, url: typeof url === "string" ? url : null };
}

/** Failures are described in the agent's language (describe-send-error.ts); Meta's raw text is never shown. */
export function toMessageView(row: MessageViewRow): MessageView {
  const deleted = row.deletedAt !== null;
  return {
    id: row.id,
    conversationId: row.conversationId,
    mid: row.mid,
    kind: row.kind,
    direction: row.direction,
    senderKind: row.senderKind,
    agent: row.agent,
    appId: row.appId,
    // An unsent (deleted) message keeps its row for the audit trail but its content is not shown.
    text: deleted ? null : row.text,
    attachments: deleted ? [] : attachmentsOf(row.attachments),
    payload: row.payload && typeof row.payload === "object" && !Array.isArray(row.payload) ? (row.payload as Record<string, unknown>) : null,
    replyToMid: row.replyToMid,
    replyToStory: storyOf(row.payload),
    sentAt: row.sentAt.toISOString(),
    recordedAt: row.recordedAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    editCount: row.editCount,
    deletedAt: row.deletedAt?.toISOString() ?? null,
    reactions: row.reactions.filter((r) => r.emoji !== null || r.reaction !== null),
    messagingType: row.messagingType,
    tag: row.tag,
    sendStatus: row.sendStatus,
    hoursSinceInbound: row.hoursSinceInbound,
    privateReplyTo: row.privateReplyComment ? { commentId: row.privateReplyComment.id, text: row.privateReplyComment.text } : null,
    error:
      row.sendStatus === "FAILED" || row.errorCode !== null
        ? { code: row.errorCode, subcode: row.errorSubcode, fbtraceId: row.fbtraceId, ...describedError(row) }
        : null,
    idempotencyKey: row.idempotencyKey,
  };
}

function describedError(row: MessageViewRow): { key: string; message: string; action: string } {
  const meaning = describeSendError(row.errorCode, row.errorSubcode, row.errorMessage, { tag: row.tag });
  return { key: meaning.key, message: meaning.message, action: meaning.action };
}
