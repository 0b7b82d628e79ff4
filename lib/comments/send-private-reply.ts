import "server-only";
import { randomUUID } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { completeQueuedJob } from "@/lib/jobs/complete-queued-job";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import type { MessageView } from "@/lib/messages/message-view";
import { checkOutboundContent } from "@/lib/messages/outbound-rules";
import { decidePrivateReply, PRIVATE_REPLY_REFUSAL_TEXT } from "@/lib/policy/private-reply-policy";
import { publishRealtime } from "@/lib/realtime/publish";
import { attemptOutboxSend } from "@/lib/send/attempt-outbox-send";
import { outboxMessageView } from "@/lib/send/outbox-message-view";
import { outboxMetadata } from "@/lib/send/outbox-metadata";
import { SEND_DELIVER_QUEUE } from "@/lib/send/send-queue";
import { sendRequestHash } from "@/lib/send/send-request-hash";
import { attemptLeaseMs, sendSettings } from "@/lib/send/send-settings";
import { upsertConversations, personKey } from "@/lib/sync/upsert-conversation";
import { findAgentComment } from "./find-agent-comment";
import { privateReplyAudit } from "./private-reply-audit";

/**
 * An agent's private reply to a comment — the one message Meta allows — sent exactly once:
 *
 *   replay of a known Idempotency-Key → its message (200), or 409 when the request differs
 *   the private-reply policy, now, from Meta's comment time → refused: 422 with the reason, audited, Meta not called
 *   allowed → the person's conversation (created when they never wrote) + an outbox message tied to the comment
 *   (a unique index: concurrent requests, even with different keys, make one) + audit + its job, in one
 *   transaction → the send pipeline (lib/send), which sends `recipient: {comment_id}` → 201 SENT/PENDING/FAILED
 *
 * The comment counts as answered (resolved) once its private reply exists.
 */
export async function sendPrivateReply({ agent, commentId, idempotencyKey, text }: { agent: SessionAgent; commentId: string; idempotencyKey: string; text: string }): Promise<{ status: 200 | 201; message: MessageView }> {
  const comment = await findAgentComment(agent, commentId);
  const requestHash = sendRequestHash({ conversationId: `comment:${comment.id}`, text });
  const replay = await replayed(agent.accountId, idempotencyKey, requestHash);
  if (replay) return replay;

  const problem = checkOutboundContent(comment.channel.platform, { text, attachments: [] });
  if (problem) throw AppError.invalid(problem.message, { fields: { text: [problem.message] } });

  const existing = await db.message.findUnique({ where: { privateReplyCommentId: comment.id }, select: { sendStatus: true, sentAt: true } });
  const now = new Date();
  const policyInput = {
    commentCreatedAt: comment.metaCreatedAt,
    byPage: comment.byPage,
    privateReplySentAt: existing?.sendStatus === "SENT" ? existing.sentAt : null,
    privateReplyPending: existing !== null && existing.sendStatus !== "SENT",
    liveBroadcastRunning: null,
    now,
  };
  const decision = decidePrivateReply(policyInput);
  if (!decision.allowed || comment.metaCommentId === null || comment.deletedAt !== null) {
    const reason = decision.allowed ? "EXPIRED" : decision.reason;
    await recordAuditEvent({ accountId: agent.accountId, actorId: agent.id, type: "private_reply.blocked", data: { ...privateReplyAudit(comment.id, policyInput, decision), textLength: text.length } });
    const message = comment.deletedAt !== null ? "This comment was removed at Meta: it can no longer be answered." : PRIVATE_REPLY_REFUSAL_TEXT[reason];
    throw new AppError("window_closed", message, { reason: comment.deletedAt !== null ? "REMOVED" : reason, deadline: decision.deadline?.toISOString() ?? null });
  }

  const messageId = randomUUID();
  const settings = sendSettings();
  const created = await db.$transaction(async (tx) => {
    // Concurrent submits for one comment queue on its row before touching anything else: without this they
    // deadlock on the person's conversation and the outbox row, and the winner can be the one rolled back.
    await tx.$executeRaw`SELECT 1 FROM comments WHERE id = ${comment.id}::uuid FOR UPDATE`;
    if (await tx.message.findUnique({ where: { privateReplyCommentId: comment.id }, select: { id: true } })) return false;
    const channel = { id: comment.channelId, accountId: agent.accountId, platform: comment.channel.platform, metaId: comment.channel.metaId, pageMetaId: comment.channel.pageMetaId };
    const people = await upsertConversations(tx, [{ channel, platformUserId: comment.authorMetaId, name: comment.authorName, username: comment.authorUsername }]);
    const conversation = people.get(personKey(channel.id, comment.authorMetaId))!;
    // ON CONFLICT DO NOTHING on the idempotency key and on the comment: one private reply, whoever asks.
    const { count } = await tx.message.createMany({
      data: [
        {
          id: messageId,
          accountId: agent.accountId,
          channelId: comment.channelId,
          conversationId: conversation.conversationId,
          direction: "OUTBOUND",
          senderKind: "AGENT",
          agentId: agent.id,
          text,
          sentAt: now,
          sendStatus: "PENDING",
          idempotencyKey,
          sendRequestHash: requestHash,
          sendMetadata: outboxMetadata(messageId),
          privateReplyCommentId: comment.id,
        },
      ],
      skipDuplicates: true,
    });
    if (count === 0) return false;
    await recordAuditEvent(
      { accountId: agent.accountId, actorId: agent.id, conversationId: conversation.conversationId, type: "private_reply.allowed", data: { ...privateReplyAudit(comment.id, policyInput, decision), messageId } },
      tx,
    );
    if (comment.status === "OPEN") {
      await tx.comment.update({ where: { id: comment.id }, data: { status: "RESOLVED", resolvedAt: now, resolvedById: agent.id } });
    }
    await enqueueJob(SEND_DELIVER_QUEUE, { messageId }, { singletonKey: messageId, runAt: new Date(Date.now() + attemptLeaseMs(settings)) }, tx);
    await publishRealtime(
      [
        { type: "message.upserted", accountId: agent.accountId, channelId: comment.channelId, conversationId: conversation.conversationId, messageId },
        { type: "comment.upserted", accountId: agent.accountId, channelId: comment.channelId, commentId: comment.id },
      ],
      tx,
    );
    return true;
  });
  if (!created) {
    const concurrent = await replayed(agent.accountId, idempotencyKey, requestHash);
    if (concurrent) return concurrent;
    throw new AppError("window_closed", PRIVATE_REPLY_REFUSAL_TEXT.REPLY_IN_PROGRESS, { reason: "REPLY_IN_PROGRESS", deadline: decision.deadline.toISOString() });
  }
  const outcome = await attemptOutboxSend(messageId, "send");
  if (outcome.status !== "PENDING") await completeQueuedJob(SEND_DELIVER_QUEUE, messageId);
  return { status: 201, message: await outboxMessageView(messageId) };
}

async function replayed(accountId: string, idempotencyKey: string, requestHash: string): Promise<{ status: 200; message: MessageView } | null> {
  const existing = await db.message.findUnique({ where: { accountId_idempotencyKey: { accountId, idempotencyKey } }, select: { id: true, sendRequestHash: true } });
  if (!existing) return null;
  if (existing.sendRequestHash !== requestHash) throw AppError.conflict("This Idempotency-Key was already used for a different request. Send a new reply with a new key.");
  return { status: 200, message: await outboxMessageView(existing.id) };
}
