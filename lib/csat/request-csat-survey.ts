import "server-only";
import { randomUUID } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Tx } from "@/lib/db";
import { decideWindow } from "@/lib/policy/window-policy";
import { queueAutomatedMessage } from "@/lib/send/queue-automated-message";
import { sendDecisionAudit } from "@/lib/send/send-decision-audit";
import { windowInputFor } from "@/lib/send/window-input";
import { CSAT_DEFAULT_QUESTION, shouldAskOnResolve, surveyText } from "./csat-survey";

export type CsatRequestOutcome = "off" | "asked_recently" | "blocked" | "queued";

/**
 * Called by the resolve command inside its transaction (one at a time and bulk resolve alike), after the
 * conversation became RESOLVED: asks the person for a rating when the account has the survey on and the
 * conversation was not asked in the last CSAT_REASK_AFTER_DAYS days. The survey is automation: the window
 * policy decides it with the AUTOMATION sender, so it goes out only as RESPONSE inside the 24-hour window —
 *
 *   allowed  an outbox message (our app, PENDING) with its survey row, `send.allowed`, the send.deliver job
 *            (the outbox delivers it like any message and decides the policy again at send time)
 *   blocked  `send.blocked` and a survey row naming the reason; nothing is stored to send, Meta is not called
 *
 * The survey remembers the assignee at this moment: the rating is about their work.
 */
export async function requestCsatSurvey(
  tx: Tx,
  { accountId, conversationId, actorId, now }: { accountId: string; conversationId: string; actorId: string; now: Date },
): Promise<CsatRequestOutcome> {
  const setting = await tx.csatSetting.findUnique({ where: { accountId }, select: { enabled: true, question: true, privacyUrl: true } });
  if (!setting?.enabled) return "off";
  const conversation = await tx.conversation.findUniqueOrThrow({
    where: { id: conversationId },
    select: { channelId: true, assigneeId: true, lastInboundAt: true, lastInboundKind: true, channel: { select: { platform: true, humanAgentEnabled: true, disconnectedAt: true } } },
  });
  if (conversation.channel.disconnectedAt) return "off";
  // Messenger's template cannot go out without the business's privacy policy.
  if (conversation.channel.platform === "MESSENGER" && !setting.privacyUrl) return "off";
  const last = await tx.csatSurvey.findFirst({ where: { conversationId, messageId: { not: null } }, orderBy: { askedAt: "desc" }, select: { askedAt: true } });
  if (!shouldAskOnResolve({ enabled: true, lastAskedAt: last?.askedAt ?? null, now })) return "asked_recently";

  const question = setting.question?.trim() || CSAT_DEFAULT_QUESTION;
  const text = surveyText(conversation.channel.platform, question);
  const input = windowInputFor(conversation.channel, conversation, now, "AUTOMATION");
  const decision = decideWindow(input);
  const surveyId = randomUUID();
  const base = { id: surveyId, accountId, conversationId, channelId: conversation.channelId, agentId: conversation.assigneeId, askedAt: now };
  if (!decision.allowed) {
    await tx.csatSurvey.create({ data: { ...base, blockedReason: decision.reason } });
    await recordAuditEvent(
      { accountId, actorId, conversationId, type: "send.blocked", data: { ...sendDecisionAudit(input, decision), textLength: text.length, attachmentCount: 0, automation: "csat" } },
      tx,
    );
    return "blocked";
  }

  const messageId = randomUUID();
  await queueAutomatedMessage(
    tx,
    { id: messageId, accountId, channelId: conversation.channelId, conversationId, text, sentAt: now, automation: "csat", actorId },
    { input, decision },
  );
  await tx.csatSurvey.create({ data: { ...base, messageId } });
  return "queued";
}
