// What the browser gets for a comment (GET /api/comments): the comment, its post, the private-reply allowance
// decided now (lib/policy/private-reply-policy.ts) and the Page's public replies. Pure.
import { allowedModerations } from "./comment-moderation";
import { decidePrivateReply, type PrivateReplyRefusal } from "@/lib/policy/private-reply-policy";

export interface CommentReplyView {
  id: string;
  text: string | null;
  createdAt: string;
  /** PENDING / FAILED only for replies sent from the inbox that Meta has not confirmed / refused. */
  status: "SENT" | "PENDING" | "FAILED";
  agentName: string | null;
  error: string | null;
}

export interface CommentView {
  id: string;
  channel: { id: string; name: string; platform: "MESSENGER" | "INSTAGRAM" };
  post: { id: string; metaId: string; permalink: string | null; caption: string | null; pictureUrl: string | null; isAd: boolean; adTitle: string | null };
  from: { id: string; name?: string; username?: string };
  text: string | null;
  createdAt: string;
  hidden: boolean;
  /** The Page liked it from the inbox. */
  likedByPage: boolean;
  /** What Meta lets the Page do to it (lib/comments/comment-moderation.ts). */
  moderation: { hide: boolean; like: boolean; delete: boolean };
  status: "OPEN" | "RESOLVED";
  privateReply: {
    allowed: boolean;
    /** Our last moment to send it (7 days after the comment, minus our 5-minute margin). */
    deadline: string | null;
    reason: PrivateReplyRefusal | null;
    sentAt: string | null;
    messageId: string | null;
    sendStatus: "PENDING" | "SENT" | "FAILED" | null;
    agentName: string | null;
    /** The person's conversation the private reply lives in (their answer arrives there). */
    conversationId: string | null;
  };
  publicReplies: CommentReplyView[];
}

interface ReplyRow {
  id: string;
  text: string | null;
  metaCreatedAt: Date;
  sendStatus: "PENDING" | "SENT" | "FAILED" | null;
  errorMessage: string | null;
  agent: { name: string } | null;
}

export interface CommentRow {
  id: string;
  text: string | null;
  authorMetaId: string;
  authorName: string | null;
  authorUsername: string | null;
  byPage: boolean;
  metaCreatedAt: Date;
  hidden: boolean;
  likedByPage: boolean;
  deletedAt: Date | null;
  isLive: boolean;
  status: "OPEN" | "RESOLVED";
  channel: { id: string; name: string; platform: "MESSENGER" | "INSTAGRAM" };
  post: { id: string; metaPostId: string; permalink: string | null; caption: string | null; pictureUrl: string | null; adId: string | null; adTitle: string | null };
  privateReply: { id: string; sendStatus: "PENDING" | "SENT" | "FAILED" | null; sentAt: Date; conversationId: string; agent: { name: string } | null } | null;
}

export const commentView = {
  reply(row: ReplyRow): CommentReplyView {
    return {
      id: row.id,
      text: row.text,
      createdAt: row.metaCreatedAt.toISOString(),
      status: row.sendStatus ?? "SENT",
      agentName: row.agent?.name ?? null,
      error: row.sendStatus === "FAILED" ? row.errorMessage : null,
    };
  },

  comment(row: CommentRow, replies: ReplyRow[], now: Date): CommentView {
    const sent = row.privateReply?.sendStatus === "SENT" ? row.privateReply.sentAt : null;
    const decision = decidePrivateReply({
      commentCreatedAt: row.metaCreatedAt,
      byPage: row.byPage,
      privateReplySentAt: sent,
      privateReplyPending: row.privateReply !== null && sent === null,
      liveBroadcastRunning: null,
      now,
    });
    const from: CommentView["from"] = { id: row.authorMetaId };
    if (row.channel.platform === "INSTAGRAM") from.username = row.authorUsername ?? undefined;
    else from.name = row.authorName ?? undefined;
    return {
      id: row.id,
      channel: row.channel,
      post: {
        id: row.post.id,
        metaId: row.post.metaPostId,
        permalink: row.post.permalink,
        caption: row.post.caption,
        pictureUrl: row.post.pictureUrl,
        isAd: row.post.adId !== null,
        adTitle: row.post.adTitle,
      },
      from,
      text: row.text,
      createdAt: row.metaCreatedAt.toISOString(),
      hidden: row.hidden,
      likedByPage: row.likedByPage,
      moderation: allowedModerations({ platform: row.channel.platform, byPage: row.byPage, removed: row.deletedAt !== null }),
      status: row.status,
      privateReply: {
        allowed: decision.allowed,
        deadline: decision.deadline?.toISOString() ?? null,
        reason: decision.allowed ? null : decision.reason,
        sentAt: sent?.toISOString() ?? null,
        messageId: row.privateReply?.id ?? null,
        sendStatus: row.privateReply?.sendStatus ?? null,
        agentName: row.privateReply?.agent?.name ?? null,
        conversationId: row.privateReply?.conversationId ?? null,
      },
      publicReplies: replies.map((r) => commentView.reply(r)),
    };
  },
};
