import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionAgent } from "@/lib/auth/session";
import { channelToken } from "@/lib/channels/channel-token";
import { markChannelProblem } from "@/lib/channels/mark-channel-problem";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { describeMetaError } from "@/lib/meta/error-map";
import { graph } from "@/lib/meta/graph";
import { isGraphApiError } from "@/lib/meta/graph-error";
import { publishRealtime } from "@/lib/realtime/publish";
import { sendSettings } from "@/lib/send/send-settings";
import { moderationRefusal, type CommentModeration } from "./comment-moderation";
import { findAgentComment } from "./find-agent-comment";

export interface ModeratedComment {
  id: string;
  hidden: boolean;
  likedByPage: boolean;
  removed: boolean;
}

const AUDIT_TYPE = {
  hide: "comment.hidden",
  unhide: "comment.unhidden",
  like: "comment.liked",
  unlike: "comment.unliked",
  delete: "comment.deleted",
} as const;

/**
 * Hides, unhides, likes, unlikes or deletes a comment at Meta, then here: refused before Meta when Meta would
 * not allow it (lib/comments/comment-moderation.ts, 400); a no-op when the comment already is that way; one
 * Graph call; on Meta's success the row changes with an audit event and a realtime event in one
 * transaction; Meta's refusal is a 502 in the agent's words and nothing changes here.
 */
export async function moderateComment({ agent, commentId, action }: { agent: SessionAgent; commentId: string; action: CommentModeration }): Promise<ModeratedComment> {
  const comment = await findAgentComment(agent, commentId);
  const refusal = comment.metaCommentId === null ? "This reply has not reached Meta yet." : moderationRefusal({ platform: comment.channel.platform, byPage: comment.byPage, removed: comment.deletedAt !== null }, action);
  if (refusal) throw AppError.invalid(refusal);
  const current: ModeratedComment = { id: comment.id, hidden: comment.hidden, likedByPage: comment.likedByPage, removed: false };
  const unchanged = (action === "hide" && comment.hidden) || (action === "unhide" && !comment.hidden) || (action === "like" && comment.likedByPage) || (action === "unlike" && !comment.likedByPage);
  if (unchanged) return current;

  const instagram = comment.channel.platform === "INSTAGRAM";
  const call =
    action === "hide" || action === "unhide"
      ? { path: comment.metaCommentId!, method: "POST" as const, body: instagram ? { hide: action === "hide" } : { is_hidden: action === "hide" } }
      : action === "delete"
        ? { path: comment.metaCommentId!, method: "DELETE" as const }
        : { path: `${comment.metaCommentId}/likes`, method: action === "like" ? ("POST" as const) : ("DELETE" as const) };
  try {
    await graph().request({ ...call, token: await channelToken(comment.channelId), owner: comment.channel.metaId, retries: 0, timeoutMs: sendSettings().graphSendTimeoutMs });
  } catch (error) {
    if (isGraphApiError(error)) {
      if (error.isTokenInvalid) await markChannelProblem(comment.channelId, error, "token");
      throw new AppError("meta_error", `${describeMetaError(error.code, error.subcode).message} (Meta: ${error.message})`, { code: error.code, subcode: error.subcode, fbtraceId: error.fbtraceId });
    }
    if (error instanceof AppError) throw error;
    logger.warn("comment moderation: no answer from Meta", { commentId: comment.id, action, error });
    throw new AppError("unavailable", "Meta did not answer. Nothing was changed here; try again.");
  }

  const now = new Date();
  const next: ModeratedComment = {
    id: comment.id,
    hidden: action === "hide" ? true : action === "unhide" ? false : comment.hidden,
    likedByPage: action === "like" ? true : action === "unlike" ? false : comment.likedByPage,
    removed: action === "delete",
  };
  await db.$transaction(async (tx) => {
    await tx.comment.update({
      where: { id: comment.id },
      // Our time stands in for Meta's until its hide/unhide webhook arrives with the same state.
      data: action === "delete" ? { deletedAt: now } : action === "hide" || action === "unhide" ? { hidden: next.hidden, hiddenAt: now } : { likedByPage: next.likedByPage },
    });
    await recordAuditEvent({ accountId: agent.accountId, actorId: agent.id, type: AUDIT_TYPE[action], data: { commentId: comment.id, metaCommentId: comment.metaCommentId! } }, tx);
    await publishRealtime([{ type: "comment.upserted", accountId: agent.accountId, channelId: comment.channelId, commentId: comment.id }], tx);
  });
  return next;
}
