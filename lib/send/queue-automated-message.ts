import "server-only";
import { recordAuditEvent, type Automation } from "@/lib/audit/record-audit-event";
import type { Tx } from "@/lib/db";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import type { AllowedDecision, WindowPolicyInput } from "@/lib/policy/window-policy";
import { publishRealtime } from "@/lib/realtime/publish";
import { outboxMetadata } from "./outbox-metadata";
import { sendDecisionAudit } from "./send-decision-audit";
import { SEND_DELIVER_QUEUE } from "./send-queue";

/**
 * A message our app sends on its own (a satisfaction survey, the out-of-hours auto-reply), once the window
 * policy allowed it for the AUTOMATION sender: the outbox row, its `send.allowed` audit naming the automation,
 * its delivery job (not before `deliverAt`) and the realtime event — in the caller's transaction.
 */
export async function queueAutomatedMessage(
  tx: Tx,
  message: {
    id: string;
    accountId: string;
    channelId: string;
    conversationId: string;
    text: string;
    sentAt: Date;
    idempotencyKey?: string;
    automation: Automation;
    /** The agent whose action caused it (who resolved, for a survey); none for the auto-reply. */
    actorId?: string;
    deliverAt?: Date;
  },
  policy: { input: WindowPolicyInput; decision: AllowedDecision },
): Promise<void> {
  const { id: messageId, accountId, channelId, conversationId } = message;
  await tx.message.create({
    data: {
      id: messageId,
      accountId,
      channelId,
      conversationId,
      direction: "OUTBOUND",
      senderKind: "OUR_APP",
      text: message.text,
      sentAt: message.sentAt,
      messagingType: policy.decision.messagingType,
      tag: policy.decision.tag,
      sendStatus: "PENDING",
      hoursSinceInbound: policy.decision.hoursSinceInbound,
      idempotencyKey: message.idempotencyKey,
      sendMetadata: outboxMetadata(messageId),
    },
  });
  await recordAuditEvent(
    { accountId, actorId: message.actorId, conversationId, type: "send.allowed", data: { ...sendDecisionAudit(policy.input, policy.decision), messageId, automation: message.automation } },
    tx,
  );
  await enqueueJob(SEND_DELIVER_QUEUE, { messageId }, { singletonKey: messageId, ...(message.deliverAt ? { runAt: message.deliverAt } : {}) }, tx);
  await publishRealtime([{ type: "message.upserted", accountId, channelId, conversationId, messageId }], tx);
}
