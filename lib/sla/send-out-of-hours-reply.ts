import "server-only";
import { randomUUID } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { calendarOf } from "@/lib/business-hours/business-hours-view";
import { db } from "@/lib/db";
import { completeQueuedJob } from "@/lib/jobs/complete-queued-job";
import { logger } from "@/lib/logger";
import { checkOutboundContent } from "@/lib/messages/outbound-rules";
import { decideWindow } from "@/lib/policy/window-policy";
import { attemptOutboxSend } from "@/lib/send/attempt-outbox-send";
import { queueAutomatedMessage } from "@/lib/send/queue-automated-message";
import { sendDecisionAudit } from "@/lib/send/send-decision-audit";
import { SEND_DELIVER_QUEUE } from "@/lib/send/send-queue";
import { attemptLeaseMs } from "@/lib/send/send-settings";
import { windowInputFor } from "@/lib/send/window-input";
import type { AutoReplyPayload } from "./auto-reply-queue";
import { getBusinessHours } from "./get-business-hours";

/** The closed period of a team that never opens: one auto-reply per conversation, ever. */
const NEVER_REOPENS = new Date(0);

export type OutOfHoursOutcome = "disabled" | "open" | "already_sent" | "blocked" | "sent" | "not_found";

/**
 * The out-of-hours auto-reply for one conversation (the job of lib/sla/enqueue-auto-replies.ts):
 *
 *   the person's latest message arrived while the team was closed, and the team is still closed now
 *   once per conversation and closed period (auto_replies' key: conversation + the reopening that ends the
 *   period) and never twice for one message (its unique trigger) — decided by the insert, so concurrent
 *   jobs or a replayed job send nothing more
 *   automation: the window policy with sender AUTOMATION, now — only RESPONSE inside 24 h; past that it
 *   is blocked and audited (send.blocked), never HUMAN_AGENT
 *   then the ordinary outbox (lib/send): an OUR_APP message, its send.deliver job, an attempt, which decides
 *   the policy again at the moment of the call
 */
export async function sendOutOfHoursReply({ conversationId }: AutoReplyPayload, { now = new Date() }: { now?: Date } = {}): Promise<OutOfHoursOutcome> {
  const conversation = await db.conversation.findUnique({
    where: { id: conversationId },
    select: {
      id: true,
      accountId: true,
      channelId: true,
      lastInboundAt: true,
      lastInboundKind: true,
      channel: { select: { platform: true, humanAgentEnabled: true, disconnectedAt: true } },
    },
  });
  if (!conversation || conversation.channel.disconnectedAt) return "not_found";
  const hours = await getBusinessHours(conversation.accountId);
  const text = hours.autoReply.text?.trim();
  if (!hours.configured || !hours.autoReply.enabled || !text) return "disabled";
  // The person's latest message (a burst shares one job): what arrived out of hours, or not.
  const trigger = await db.message.findFirst({
    where: { conversationId, direction: "INBOUND", senderKind: "CONTACT", kind: "MESSAGE" },
    orderBy: [{ sentAt: "desc" }, { id: "desc" }],
    select: { id: true, sentAt: true },
  });
  if (!trigger) return "not_found";
  const calendar = calendarOf(hours);
  // Open when it arrived, or open again by now (a late job must not say "we are closed" to an open team).
  if (calendar.isOpen(trigger.sentAt) || calendar.isOpen(now)) return "open";
  const reopensAt = calendar.nextOpen(trigger.sentAt) ?? NEVER_REOPENS;

  const input = windowInputFor(conversation.channel, conversation, now, "AUTOMATION");
  const decision = decideWindow(input);
  const problem = checkOutboundContent(conversation.channel.platform, { text, attachments: [] });
  if (problem) {
    logger.warn("out-of-hours auto-reply does not fit the platform's limits; not sent", { conversationId, problem: problem.message });
    return "disabled";
  }
  const messageId = randomUUID();
  const outcome = await db.$transaction(async (tx): Promise<OutOfHoursOutcome> => {
    const claimed = await tx.$executeRaw`
      INSERT INTO auto_replies (conversation_id, reopens_at, trigger_message_id, message_id)
      VALUES (${conversationId}::uuid, ${reopensAt}, ${trigger.id}::uuid, ${decision.allowed ? messageId : null}::uuid)
      ON CONFLICT DO NOTHING`;
    if (claimed === 0) return "already_sent";
    if (!decision.allowed || decision.messagingType !== "RESPONSE" || decision.tag !== null) {
      await recordAuditEvent(
        {
          accountId: conversation.accountId,
          conversationId,
          type: "send.blocked",
          data: { ...sendDecisionAudit(input, decision), textLength: text.length, attachmentCount: 0, automation: "out_of_hours_reply" },
        },
        tx,
      );
      return "blocked";
    }
    await queueAutomatedMessage(
      tx,
      {
        id: messageId,
        accountId: conversation.accountId,
        channelId: conversation.channelId,
        conversationId,
        text,
        sentAt: now,
        idempotencyKey: `auto-reply:${conversationId}:${reopensAt.toISOString()}`,
        automation: "out_of_hours_reply",
        // The first attempt is made below; the job is the safety net after a lease.
        deliverAt: new Date(Date.now() + attemptLeaseMs()),
      },
      { input, decision },
    );
    return "sent";
  });
  if (outcome !== "sent") return outcome;
  // The first attempt now (the policy is decided again at the call); the outbox job is the safety net.
  const attempt = await attemptOutboxSend(messageId, "automatic");
  if (attempt.status !== "PENDING") await completeQueuedJob(SEND_DELIVER_QUEUE, messageId);
  return attempt.status === "BLOCKED" ? "blocked" : "sent";
}
