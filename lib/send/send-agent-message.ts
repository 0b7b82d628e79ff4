import "server-only";
import { randomUUID } from "node:crypto";
import { accessibleChannelIds } from "@/lib/access/accessible-channel-ids";
import { assignOnReply } from "@/lib/conversations/assign-on-reply";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { completeQueuedJob } from "@/lib/jobs/complete-queued-job";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import type { MessageView } from "@/lib/messages/message-view";
import { checkOutboundContent } from "@/lib/messages/outbound-rules";
import { decideWindow, WINDOW_REASON_TEXT } from "@/lib/policy/window-policy";
import { publishRealtime } from "@/lib/realtime/publish";
import { logger } from "@/lib/logger";
import { findAgentUploads } from "@/lib/uploads/find-agent-uploads";
import { publicUploadUrl } from "@/lib/uploads/public-upload-url";
import { markUploadsAttached } from "@/lib/uploads/upload-lifecycle";
import type { SendMessageInput } from "@/lib/validations/messages";
import { attemptOutboxSend } from "./attempt-outbox-send";
import { isUuid } from "@/lib/validations/uuid";
import { outboxMessageView } from "./outbox-message-view";
import { outboxMetadata } from "./outbox-metadata";
import { findReplyCollision, replyCollisionError } from "./reply-collision";
import { metaAttachmentType, type OutboundAttachment } from "./send-api-request";
import { sendDecisionAudit, windowClosedDetails } from "./send-decision-audit";
import { SEND_DELIVER_QUEUE } from "./send-queue";
import { sendRequestHash } from "./send-request-hash";
import { attemptLeaseMs, sendSettings } from "./send-settings";
import { windowInputFor } from "./window-input";
import { savedReplyUse } from "./saved-reply-use";

export interface SendAgentMessageResult {
  /** 201: a new message; 200: the same Idempotency-Key and request seen before (Meta is not called again). */
  status: 200 | 201;
  message: MessageView;
}

/**
 * An agent's reply, sent exactly once per Idempotency-Key:
 *
 *   replay of a known key → its message as it stands (200), or 409 if the request differs
 *   the window policy, at this moment, from Meta's timestamps → blocked: 422, audited, nothing stored or sent
 *   a reply by someone else after the request's `seenUpTo` → 409 reply_collision, nothing stored or sent
 *   allowed → outbox row (PENDING) + `send.allowed` + its outbox job, in one transaction; the unique
 *   (account, key) index decides between concurrent duplicates → first attempt inline → SENT, PENDING
 *   (outcome unknown or retrying; the outbox job continues) or FAILED with the reason (201); an unassigned
 *   conversation is assigned to the sender before the attempt
 */
export async function sendAgentMessage({
  agent,
  conversationId,
  idempotencyKey,
  input,
}: {
  agent: SessionAgent;
  conversationId: string;
  idempotencyKey: string;
  /** As validated by sendMessageSchema (trimmed text or attachments). */
  input: Partial<SendMessageInput>;
}): Promise<SendAgentMessageResult> {
  if (!isUuid(conversationId)) throw AppError.notFound("Conversation");
  const conversation = await db.conversation.findFirst({
    where: { id: conversationId, accountId: agent.accountId },
    select: {
      id: true,
      channelId: true,
      lastInboundAt: true,
      lastInboundKind: true,
      contact: { select: { name: true } },
      channel: { select: { platform: true, humanAgentEnabled: true } },
    },
  });
  const channelIds = await accessibleChannelIds(agent);
  if (!conversation || (channelIds && !channelIds.includes(conversation.channelId))) throw AppError.notFound("Conversation");

  const requestHash = sendRequestHash({ conversationId: conversation.id, ...input });
  const replay = await replayed(agent.accountId, idempotencyKey, requestHash);
  if (replay) return replay;

  const attachments = await resolveAttachments(agent, input.attachments ?? []);
  const problem = checkOutboundContent(conversation.channel.platform, { text: input.text ?? null, attachments });
  if (problem) throw AppError.invalid(problem.message, { fields: { [problem.field]: [problem.message] } });
  const replyToMid = await resolveReplyTo(conversation.id, input.replyToMessageId);
  const savedReply = input.savedReplyId
    ? await savedReplyUse({ agent, channelId: conversation.channelId, contactName: conversation.contact.name, savedReplyId: input.savedReplyId, sentText: input.text ?? "" })
    : null;

  const policyInput = windowInputFor(conversation.channel, conversation, new Date(), "HUMAN");
  const decision = decideWindow(policyInput);
  if (!decision.allowed) {
    await recordAuditEvent({
      accountId: agent.accountId,
      actorId: agent.id,
      conversationId: conversation.id,
      type: "send.blocked",
      data: { ...sendDecisionAudit(policyInput, decision), textLength: input.text?.length ?? 0, attachmentCount: attachments.length },
    });
    const text = WINDOW_REASON_TEXT[decision.reason];
    throw new AppError("window_closed", `${text.title}. ${text.detail}`, windowClosedDetails(decision));
  }

  // Someone else replied since the agent looked: 409, nothing stored or sent, until they say they saw it.
  if (input.seenUpTo) {
    const collision = await findReplyCollision({ conversationId: conversation.id, agentId: agent.id, seenUpTo: new Date(input.seenUpTo) });
    if (collision) throw replyCollisionError(collision);
  }

  const messageId = randomUUID();
  const settings = sendSettings();
  const created = await db.$transaction(async (tx) => {
    // ON CONFLICT DO NOTHING on (account_id, idempotency_key): a concurrent duplicate waits for the first
    // insert to commit, then inserts nothing and answers as a replay.
    const { count } = await tx.message.createMany({
      data: [
        {
          id: messageId,
          accountId: agent.accountId,
          channelId: conversation.channelId,
          conversationId: conversation.id,
          direction: "OUTBOUND",
          senderKind: "AGENT",
          agentId: agent.id,
          text: input.text ?? null,
          attachments: attachments.length ? (attachments as unknown as Prisma.InputJsonArray) : undefined,
          replyToMid,
          // Meta's time replaces it when the echo arrives.
          sentAt: policyInput.now,
          messagingType: decision.messagingType,
          tag: decision.tag,
          sendStatus: "PENDING",
          hoursSinceInbound: decision.hoursSinceInbound,
          idempotencyKey,
          sendRequestHash: requestHash,
          sendMetadata: outboxMetadata(messageId),
          savedReplyId: savedReply?.id ?? null,
          savedReplyEdited: savedReply?.edited ?? null,
        },
      ],
      skipDuplicates: true,
    });
    if (count === 0) return false;
    await markUploadsAttached(tx, agent.accountId, attachments.map((a) => a.uploadId), policyInput.now);
    await recordAuditEvent(
      {
        accountId: agent.accountId,
        actorId: agent.id,
        conversationId: conversation.id,
        type: "send.allowed",
        data: { ...sendDecisionAudit(policyInput, decision), messageId, ...(savedReply ? { savedReply } : {}) },
      },
      tx,
    );
    // The safety net: due only if the inline attempt below never records an outcome (process died).
    await enqueueJob(
      SEND_DELIVER_QUEUE,
      { messageId },
      { singletonKey: messageId, runAt: new Date(Date.now() + attemptLeaseMs(settings)) },
      tx,
    );
    await publishRealtime([{ type: "message.upserted", accountId: agent.accountId, channelId: conversation.channelId, conversationId: conversation.id, messageId }], tx);
    return true;
  });
  if (!created) {
    const concurrent = await replayed(agent.accountId, idempotencyKey, requestHash);
    if (concurrent) return concurrent;
    throw AppError.conflict("This Idempotency-Key is being used by another request. Retry in a moment.");
  }

  // The agent took the conversation on: unassigned, it becomes theirs (its own audited command).
  await assignOnReply({ actor: agent, conversationId: conversation.id }).catch((error: unknown) =>
    logger.warn("assigning a replied conversation failed", { conversationId: conversation.id, error }),
  );

  const outcome = await attemptOutboxSend(messageId, "send");
  // Settled inline: the safety-net job has nothing left to do. (PENDING keeps it: it settles or retries.)
  if (outcome.status !== "PENDING") await completeQueuedJob(SEND_DELIVER_QUEUE, messageId);
  return { status: 201, message: await outboxMessageView(messageId) };
}

async function replayed(accountId: string, idempotencyKey: string, requestHash: string): Promise<SendAgentMessageResult | null> {
  const existing = await db.message.findUnique({
    where: { accountId_idempotencyKey: { accountId, idempotencyKey } },
    select: { id: true, sendRequestHash: true },
  });
  if (!existing) return null;
  if (existing.sendRequestHash !== requestHash) {
    throw AppError.conflict("This Idempotency-Key was already used for a different message. Send a new message with a new key.");
  }
  return { status: 200, message: await outboxMessageView(existing.id) };
}

async function resolveAttachments(agent: SessionAgent, requested: { uploadId: string }[]): Promise<OutboundAttachment[]> {
  const uploads = await findAgentUploads({ agent, uploadIds: requested.map((a) => a.uploadId) });
  return uploads.map((upload) => ({
    type: metaAttachmentType(upload.contentType),
    url: publicUploadUrl(upload),
    name: upload.fileName,
    uploadId: upload.id,
    contentType: upload.contentType,
    sizeBytes: upload.sizeBytes,
  }));
}

async function resolveReplyTo(conversationId: string, replyToMessageId: string | undefined): Promise<string | null> {
  if (!replyToMessageId) return null;
  const target = await db.message.findFirst({
    where: { id: replyToMessageId, conversationId, deletedAt: null },
    select: { mid: true },
  });
  if (!target?.mid) {
    const message = "You can only reply to a delivered message of this conversation.";
    throw AppError.invalid(message, { fields: { replyToMessageId: [message] } });
  }
  return target.mid;
}
