import "server-only";
import { randomUUID } from "node:crypto";
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
import { sendRequestHash } from "@/lib/send/send-request-hash";
import { sendSettings } from "@/lib/send/send-settings";
import { findAgentComment } from "./find-agent-comment";
import { commentView, type CommentReplyView } from "./comment-view";

/**
 * The Page's public answer to a comment (`POST /{comment-id}/comments` on a Page, `/{ig-comment-id}/replies`
 * on Instagram — on graph.instagram.com for an Instagram-Login channel), once per Idempotency-Key: a PENDING reply row first (the unique key decides between concurrent
 * duplicates), then one call to Meta; its answer makes the row SENT with Meta's id — merged with the Page's own
 * comment webhook if that came first — or FAILED with Meta's reason in the agent's words. An answer Meta never
 * gave leaves the row PENDING: the webhook of the Page's comment cannot be matched to it (no metadata on
 * comments), so the agent sees "not confirmed" rather than a second copy being sent.
 */
export async function sendPublicReply({ agent, commentId, idempotencyKey, text }: { agent: SessionAgent; commentId: string; idempotencyKey: string; text: string }): Promise<{ status: 200 | 201; reply: CommentReplyView }> {
  const comment = await findAgentComment(agent, commentId);
  const requestHash = sendRequestHash({ conversationId: `public:${comment.id}`, text });
  const replay = await replayed(agent.accountId, idempotencyKey, requestHash);
  if (replay) return replay;
  if (comment.deletedAt !== null || comment.metaCommentId === null) throw new AppError("window_closed", "This comment was removed at Meta: it can no longer be answered.", { reason: "REMOVED" });
  const limit = comment.channel.platform === "INSTAGRAM" ? 2200 : 8000;
  if ([...text].length > limit) throw AppError.invalid(`Replies can be at most ${limit} characters.`, { fields: { text: [`At most ${limit} characters.`] } });

  const replyId = randomUUID();
  const now = new Date();
  const { count } = await db.comment.createMany({
    data: [
      {
        id: replyId,
        accountId: agent.accountId,
        channelId: comment.channelId,
        postId: comment.postId,
        parentMetaId: comment.parentMetaId ?? comment.metaCommentId,
        authorMetaId: comment.channel.metaId,
        byPage: true,
        text,
        metaCreatedAt: now,
        status: "RESOLVED",
        agentId: agent.id,
        idempotencyKey,
        sendRequestHash: requestHash,
        sendStatus: "PENDING",
      },
    ],
    skipDuplicates: true,
  });
  if (count === 0) {
    const concurrent = await replayed(agent.accountId, idempotencyKey, requestHash);
    if (concurrent) return concurrent;
    throw AppError.conflict("This Idempotency-Key is being used by another request. Retry in a moment.");
  }

  let outcome: { status: "SENT"; metaId: string } | { status: "FAILED"; message: string } | { status: "PENDING" };
  try {
    const edge = comment.channel.platform === "INSTAGRAM" ? "replies" : "comments";
    // The channel's own host and token: graph.instagram.com for Instagram Login, graph.facebook.com otherwise.
    const answer = await graph(comment.channel.connection).post<{ id?: string }>(`${comment.metaCommentId}/${edge}`, {
      token: await channelToken(comment.channelId),
      owner: comment.channel.metaId,
      body: { message: text },
      retries: 0,
      timeoutMs: sendSettings().graphSendTimeoutMs,
    });
    outcome = answer.id ? { status: "SENT", metaId: String(answer.id) } : { status: "PENDING" };
  } catch (error) {
    if (isGraphApiError(error)) {
      if (error.isTokenInvalid) await markChannelProblem(comment.channelId, error, "token");
      outcome = { status: "FAILED", message: `${describeMetaError(error.code, error.subcode).message} (Meta: ${error.message})` };
    } else if (error instanceof AppError) {
      outcome = { status: "FAILED", message: error.message };
    } else {
      logger.warn("public reply: no answer from Meta", { commentId: comment.id, error });
      outcome = { status: "PENDING" };
    }
  }
  await db.$transaction(async (tx) => {
    if (outcome.status === "SENT") {
      // The webhook of the Page's own comment may have been stored first: ours replaces it.
      await tx.comment.deleteMany({ where: { channelId: comment.channelId, metaCommentId: outcome.metaId, id: { not: replyId } } });
      await tx.comment.update({ where: { id: replyId }, data: { metaCommentId: outcome.metaId, sendStatus: "SENT" } });
      if (comment.status === "OPEN") await tx.comment.update({ where: { id: comment.id }, data: { status: "RESOLVED", resolvedAt: now, resolvedById: agent.id } });
    } else if (outcome.status === "FAILED") {
      await tx.comment.update({ where: { id: replyId }, data: { sendStatus: "FAILED", errorMessage: outcome.message } });
    }
    await recordAuditEvent({ accountId: agent.accountId, actorId: agent.id, type: "comment.replied", data: { commentId: comment.id, replyId, metaCommentId: outcome.status === "SENT" ? outcome.metaId : null, status: outcome.status } }, tx);
    await publishRealtime([{ type: "comment.upserted", accountId: agent.accountId, channelId: comment.channelId, commentId: comment.id }], tx);
  });
  return { status: 201, reply: await replyView(replyId) };
}

async function replayed(accountId: string, idempotencyKey: string, requestHash: string): Promise<{ status: 200; reply: CommentReplyView } | null> {
  const existing = await db.comment.findUnique({ where: { accountId_idempotencyKey: { accountId, idempotencyKey } }, select: { id: true, sendRequestHash: true } });
  if (!existing) return null;
  if (existing.sendRequestHash !== requestHash) throw AppError.conflict("This Idempotency-Key was already used for a different request. Send a new reply with a new key.");
  return { status: 200, reply: await replyView(existing.id) };
}

async function replyView(id: string): Promise<CommentReplyView> {
  const row = await db.comment.findUniqueOrThrow({ where: { id }, include: { agent: { select: { name: true } } } });
  return commentView.reply(row);
}
