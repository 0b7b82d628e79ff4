import "server-only";
import { withFreshUploadUrl } from "@/lib/uploads/public-upload-url";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { channelToken } from "@/lib/channels/channel-token";
import { markChannelProblem } from "@/lib/channels/mark-channel-problem";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";
import { graph } from "@/lib/meta/graph";
import { GraphApiError, isGraphApiError, isGraphNetworkError } from "@/lib/meta/graph-error";
import { SEND_OUTCOME_UNKNOWN } from "@/lib/meta/meta-error-table";
import { decidePrivateReply, PRIVATE_REPLY_REFUSAL_TEXT } from "@/lib/policy/private-reply-policy";
import { privateReplyAudit } from "@/lib/comments/private-reply-audit";
import { decideWindow, WINDOW_REASON_TEXT, type BlockedDecision, type WindowDecision, type WindowPolicyInput } from "@/lib/policy/window-policy";
import { surveyMessage, surveyQuestionOf } from "@/lib/csat/csat-survey";
import { classifySendFailure, type SendFailure } from "./classify-send-failure";
import { humanAgentFallback } from "./human-agent-fallback";
import { localSendError } from "./local-send-error";
import { markOutboundSent } from "./mark-outbound-sent";
import { attachmentsOf, lockOutboxRow, type OutboxRow } from "./outbox-row";
import { readBackSentCopy } from "./read-back-sent-copy";
import { errorFields, failWithoutCalling, giveUp, leaveToOutboxJob, recordSendFailure, type RecordedOutcome } from "./record-send-outcome";
import { scheduleOutboxJob } from "./schedule-outbox-job";
import { sendApiRequest } from "./send-api-request";
import { sendDecisionAudit } from "./send-decision-audit";
import { attemptLeaseMs, sendSettings, transientRetryDelayMs } from "./send-settings";
import { windowInputFor } from "./window-input";

/** Who asked for this attempt: the agent's send request, the outbox job, or the agent's retry button. */
export type AttemptTrigger = "send" | "automatic" | "agent_retry";

export type AttemptOutcome =
  | RecordedOutcome
  /** The policy blocked the send at attempt time; the message is FAILED and Meta was not called. */
  | { status: "BLOCKED"; decision: BlockedDecision }
  | { status: "NOT_FOUND" };

/** A Send API call about to be made: the row as it goes out, with the decision it goes out under. */
interface Call {
  row: OutboxRow;
  input: WindowPolicyInput;
  messagingType: "RESPONSE" | "MESSAGE_TAG" | null;
  tag: "HUMAN_AGENT" | null;
  /** Send API calls made for the message, this one included. */
  attemptsMade: number;
  /** When an earlier call of this message went unconfirmed (null: none did). */
  unconfirmedBefore: Date | null;
}

/**
 * One attempt to deliver an outbox message to Meta, shared by the send API (first attempt, inline), the
 * outbox job (automatic retries, read-backs) and the agent's retry:
 *
 *   lease the message      only a PENDING message whose nextAttemptAt has passed; the lease (nextAttemptAt)
 *                          keeps every other attempt out until it ends
 *   read back (job only)   an earlier call went unconfirmed: read the thread at Meta; our copy there → SENT,
 *                          nothing sent again; Meta unreadable → try later, never send blind
 *   decide                 the window policy again, with the conversation's current last opener — a message
 *                          waiting for a retry can cross from RESPONSE to HUMAN_AGENT, or be blocked
 *   call                   at most maxSendAttempts Send API calls per message, the HUMAN_AGENT fallback
 *                          included; inline, every call ends within the request's budget
 *
 * The agent's requests never read back (a read waits behind the Conversations API's pacing): such a message
 * answers PENDING and the outbox job continues at once.
 */
export async function attemptOutboxSend(messageId: string, trigger: AttemptTrigger): Promise<AttemptOutcome> {
  const settings = sendSettings();
  const deadline = trigger === "automatic" ? Number.POSITIVE_INFINITY : Date.now() + settings.inlineBudgetMs;
  const leased = await leaseAttempt(messageId, trigger);
  if ("status" in leased) return leased;
  const { row, lease } = leased;

  let token: string;
  try {
    token = await channelToken(row.channel_id);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await db.$transaction((tx) => failWithoutCalling(tx, row, localSendError("not_connected", error.message)));
    return { status: "FAILED" };
  }

  if (row.send_unconfirmed_since) {
    if (trigger !== "automatic") return leaveToOutboxJob(row, new Date());
    const checked = await checkEarlierCall(row, token, row.send_unconfirmed_since);
    if (checked) return checked;
  }
  if (row.send_attempts >= settings.maxSendAttempts) return giveUp(row, "not_delivered");
  if (deadline - Date.now() < settings.minCallMs) return leaveToOutboxJob(row, new Date());

  const call = await startCall(row.id, lease, trigger);
  if ("status" in call) return call;
  return callSendApi(call, token, deadline, { fallbackUsed: false });
}

/** Takes the message for this attempt (see attemptOutboxSend), or says why not. */
async function leaseAttempt(messageId: string, trigger: AttemptTrigger): Promise<{ row: OutboxRow; lease: Date } | AttemptOutcome> {
  const settings = sendSettings();
  return db.$transaction(async (tx): Promise<{ row: OutboxRow; lease: Date } | AttemptOutcome> => {
    const row = await lockOutboxRow(tx, messageId);
    if (!row) return { status: "NOT_FOUND" };
    if (row.send_status === "SENT") return { status: "SENT" };
    if (row.send_status !== "PENDING") return { status: "FAILED" };
    const now = new Date();
    if (row.next_attempt_at && row.next_attempt_at > now) return { status: "PENDING", nextAttemptAt: row.next_attempt_at };
    if (row.token_status === "NEEDS_RECONNECT") {
      await failWithoutCalling(tx, row, localSendError("needs_reconnect", "The channel's token was refused by Meta earlier; Meta was not called."));
      return { status: "FAILED" };
    }
    // If this process dies during the attempt, the outbox job takes over when the lease ends and reads the
    // thread back first (the call in flight counts as unconfirmed).
    const lease = new Date(now.getTime() + attemptLeaseMs(settings));
    const readsBack = row.send_unconfirmed_since !== null && trigger === "automatic";
    await tx.message.update({ where: { id: row.id }, data: { nextAttemptAt: lease, ...(readsBack ? { sendChecks: { increment: 1 } } : {}) } });
    return { row: { ...row, send_checks: row.send_checks + (readsBack ? 1 : 0) }, lease };
  });
}

/**
 * An earlier Send API call of this message went unconfirmed and no echo settled it: is our copy in the
 * person's thread at Meta? Returns the outcome when the attempt ends here (SENT, or PENDING/FAILED because
 * Meta could not be read), null when no copy is there and the message may be sent.
 */
async function checkEarlierCall(row: OutboxRow, token: string, since: Date): Promise<AttemptOutcome | null> {
  const settings = sendSettings();
  if (row.send_checks > settings.maxSendAttempts) return giveUp(row, "unconfirmed");
  let copy: { mid: string; sentAt: Date } | null;
  try {
    copy = await readBackSentCopy(row, token, { since, timeoutMs: settings.readBackTimeoutMs });
  } catch (error) {
    if (!isGraphApiError(error) && !isGraphNetworkError(error)) throw error;
    logger.warn("could not read the thread back before a resend", { messageId: row.id, checks: row.send_checks, error });
    if (isGraphApiError(error) && error.isTokenInvalid) await markChannelProblem(row.channel_id, error, "token");
    if (row.send_checks >= settings.maxSendAttempts) return giveUp(row, "unconfirmed");
    const retryAfter = isGraphApiError(error) ? error.retryAfterMs : null;
    return leaveToOutboxJob(row, new Date(Date.now() + transientRetryDelayMs(row.send_checks, retryAfter, settings)));
  }
  if (!copy) return null;
  const found = copy;
  try {
    await db.$transaction((tx) => markOutboundSent(tx, { messageId: row.id, channelId: row.channel_id, mid: found.mid, sentAt: found.sentAt }));
  } catch (error) {
    // Another message of ours claimed that Meta id meanwhile (the same words sent twice): not our copy.
    if ((error as { code?: unknown }).code === "P2002") return null;
    throw error;
  }
  logger.info("unconfirmed send found in the thread at Meta: settled without sending again", { messageId: row.id, mid: found.mid });
  return { status: "SENT" };
}

/** Decides the message's policy again and counts the call it is about to make, under the attempt's lease. */
async function startCall(messageId: string, lease: Date, trigger: AttemptTrigger): Promise<Call | AttemptOutcome> {
  return db.$transaction(async (tx): Promise<Call | AttemptOutcome> => {
    const row = await lockOutboxRow(tx, messageId);
    if (!row) return { status: "NOT_FOUND" };
    if (row.send_status === "SENT") return { status: "SENT" };
    if (row.send_status !== "PENDING") return { status: "FAILED" };
    // Someone else holds the message now (our lease ran out during the read-back): leave it to them.
    if (row.next_attempt_at?.getTime() !== lease.getTime()) return { status: "PENDING", nextAttemptAt: row.next_attempt_at ?? new Date() };

    const now = new Date();
    if (row.private_reply_comment_id) return startPrivateReplyCall(tx, row, now, trigger);
    const input = windowInputFor(
      { platform: row.platform, humanAgentEnabled: row.human_agent_enabled },
      { lastInboundAt: row.last_inbound_at, lastInboundKind: row.last_inbound_kind },
      now,
      row.sender_kind === "AGENT" ? "HUMAN" : "AUTOMATION",
    );
    const decision = decideWindow(input);
    if (!decision.allowed) {
      await recordAuditEvent(
        {
          accountId: row.account_id,
          actorId: row.agent_id,
          conversationId: row.conversation_id,
          type: "send.blocked",
          data: { ...sendDecisionAudit(input, decision), textLength: row.text?.length ?? 0, attachmentCount: attachmentsOf(row).length, messageId: row.id },
        },
        tx,
      );
      await failWithoutCalling(tx, row, localSendError("window_closed", WINDOW_REASON_TEXT[decision.reason].title, decision.reason));
      return { status: "BLOCKED", decision };
    }
    // Every decision that changes how the message goes out is audited, and every retry an agent asks for;
    // an automatic retry under the decision already recorded is not a new decision.
    if (trigger === "agent_retry" || decision.messagingType !== row.messaging_type || decision.tag !== row.tag) {
      await recordAllowed(tx, row, input, decision, trigger === "agent_retry" ? "agent" : "automatic");
    }
    const updated = await tx.message.update({
      where: { id: row.id },
      data: {
        messagingType: decision.messagingType,
        tag: decision.tag,
        hoursSinceInbound: decision.hoursSinceInbound,
        sendAttempts: { increment: 1 },
        // Until Meta answers, this call is unconfirmed too.
        sendUnconfirmedSince: row.send_unconfirmed_since ?? now,
        nextAttemptAt: new Date(now.getTime() + attemptLeaseMs()),
      },
      select: { sendAttempts: true },
    });
    return {
      row,
      input,
      messagingType: decision.messagingType,
      tag: decision.tag,
      attemptsMade: updated.sendAttempts,
      unconfirmedBefore: row.send_unconfirmed_since,
    };
  });
}

async function callSendApi(call: Call, token: string, deadline: number, options: { fallbackUsed: boolean }): Promise<AttemptOutcome> {
  const { row } = call;
  const settings = sendSettings();
  const body = sendApiRequest({
    recipientId: row.recipient_id,
    privateReplyCommentId: row.private_reply_meta_comment_id,
    messagingType: call.messagingType,
    tag: call.tag,
    text: row.text,
    // Signed URLs expire: Meta gets one signed for this attempt.
    attachments: attachmentsOf(row).map(withFreshUploadUrl),
    metadata: row.send_metadata!,
    replyToMid: row.reply_to_mid,
    survey: surveyContent(row),
  });
  let response: { message_id?: string; recipient_id?: string };
  try {
    response = await graph(row.connection).post(`${row.page_meta_id}/messages`, {
      token,
      body,
      owner: row.meta_id,
      retries: 0,
      timeoutMs: Math.min(settings.graphSendTimeoutMs, deadline - Date.now()),
    });
  } catch (error) {
    const failure = classifySendFailure(error, call);
    if (failure.kind === "outside_window" && !options.fallbackUsed && !row.private_reply_comment_id) {
      const retried = await tryHumanAgentFallback(call, failure, error as GraphApiError, token, deadline);
      if (retried) return retried;
    }
    return recordSendFailure(row, failure, error, call.unconfirmedBefore);
  }

  if (!response.message_id) {
    // An answer without a message id proves nothing: treat it like no answer and let the echo or the read-back decide.
    const failure = classifySendFailure(new GraphApiError(200, { code: SEND_OUTCOME_UNKNOWN.code, error_subcode: SEND_OUTCOME_UNKNOWN.subcode, message: "Send API answered without a message_id" }), call);
    return recordSendFailure(row, failure, null, call.unconfirmedBefore);
  }
  await db.$transaction((tx) =>
    markOutboundSent(tx, { messageId: row.id, channelId: row.channel_id, mid: response.message_id!, metaResponse: response as Prisma.InputJsonObject }),
  );
  return { status: "SENT" };
}

/** The Send API content of a satisfaction survey; null for every other message. */
function surveyContent(row: OutboxRow): Record<string, unknown> | null {
  if (!row.csat_survey_id) return null;
  return surveyMessage({
    platform: row.platform,
    surveyId: row.csat_survey_id,
    // The stored text is what the person reads; Messenger's question is that text itself.
    question: row.platform === "INSTAGRAM" ? surveyQuestionOf(row.text ?? "") : (row.text ?? ""),
    channelName: row.channel_name,
    privacyUrl: row.csat_privacy_url ?? "",
  });
}

/**
 * Meta refused a RESPONSE as outside the 24-hour window. When the policy allows HUMAN_AGENT for this
 * message (human-written text, feature on, inside 7 days) and a Send API call is left, send it once more
 * with the tag — right away, or from the outbox job when the agent's request has no time left for it.
 */
async function tryHumanAgentFallback(call: Call, refusal: SendFailure, error: GraphApiError, token: string, deadline: number): Promise<AttemptOutcome | null> {
  const { row } = call;
  const settings = sendSettings();
  if (call.attemptsMade >= settings.maxSendAttempts) return null;
  const input = { ...call.input, now: new Date() };
  const fallback = humanAgentFallback(input, { hasText: Boolean(row.text) });
  if (!fallback) return null;
  const inTime = deadline - Date.now() >= settings.minCallMs;
  const attemptsMade = await db.$transaction(async (tx) => {
    const updated = await tx.message.updateMany({
      where: { id: row.id, sendStatus: "PENDING" },
      data: {
        ...errorFields(refusal, error),
        ...(inTime
          ? {
              messagingType: "MESSAGE_TAG",
              tag: "HUMAN_AGENT",
              hoursSinceInbound: fallback.hoursSinceInbound,
              sendAttempts: { increment: 1 },
              // The refusal proved nothing about earlier calls; the tagged call is unconfirmed until answered.
              sendUnconfirmedSince: call.unconfirmedBefore ?? new Date(),
              nextAttemptAt: new Date(Date.now() + attemptLeaseMs(settings)),
            }
          : { sendUnconfirmedSince: call.unconfirmedBefore, nextAttemptAt: new Date() }),
      },
    });
    if (updated.count === 0) return null;
    await recordAuditEvent(
      {
        accountId: row.account_id,
        actorId: row.agent_id,
        conversationId: row.conversation_id,
        type: "send.failed",
        data: { messageId: row.id, code: refusal.code, subcode: refusal.subcode, fbtraceId: refusal.fbtraceId, final: false },
      },
      tx,
    );
    if (!inTime) {
      await scheduleOutboxJob(tx, row.id, new Date());
      return 0;
    }
    await recordAllowed(tx, row, input, fallback, "meta_outside_window");
    return call.attemptsMade + 1;
  });
  if (attemptsMade === null) return { status: "SENT" };
  if (attemptsMade === 0) return { status: "PENDING", nextAttemptAt: new Date() };
  logger.info("RESPONSE refused as outside the window: sending once more as HUMAN_AGENT", { messageId: row.id, fbtraceId: refusal.fbtraceId });
  return callSendApi({ ...call, input, messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT", attemptsMade }, token, deadline, { fallbackUsed: true });
}

/**
 * A private reply's attempt: the private-reply policy instead of the window (one message per comment, 7 days
 * of Meta's comment time, never the Page's own comment), decided again at every attempt. This message is the
 * comment's one private reply (a unique index): it does not count as "already replied" against itself.
 */
async function startPrivateReplyCall(tx: Tx, row: OutboxRow, now: Date, trigger: AttemptTrigger): Promise<Call | AttemptOutcome> {
  const policyInput = {
    commentCreatedAt: row.private_reply_comment_at!,
    byPage: row.private_reply_by_page === true,
    privateReplySentAt: null,
    privateReplyPending: false,
    liveBroadcastRunning: null,
    now,
  };
  const decision = decidePrivateReply(policyInput);
  const audit = privateReplyAudit(row.private_reply_comment_id!, policyInput, decision);
  if (!decision.allowed || !row.private_reply_meta_comment_id) {
    await recordAuditEvent(
      { accountId: row.account_id, actorId: row.agent_id, conversationId: row.conversation_id, type: "private_reply.blocked", data: { ...audit, textLength: row.text?.length ?? 0, messageId: row.id } },
      tx,
    );
    const reason = decision.allowed ? "EXPIRED" : decision.reason;
    await failWithoutCalling(tx, row, localSendError("private_reply_closed", PRIVATE_REPLY_REFUSAL_TEXT[reason], reason));
    return { status: "FAILED" };
  }
  if (trigger === "agent_retry") {
    await recordAuditEvent({ accountId: row.account_id, actorId: row.agent_id, conversationId: row.conversation_id, type: "private_reply.allowed", data: { ...audit, messageId: row.id, retry: "agent" } }, tx);
  }
  const updated = await tx.message.update({
    where: { id: row.id },
    data: { sendAttempts: { increment: 1 }, sendUnconfirmedSince: row.send_unconfirmed_since ?? now, nextAttemptAt: new Date(now.getTime() + attemptLeaseMs()) },
    select: { sendAttempts: true },
  });
  // Unused for private replies (no window), but a Call carries the window input for the HUMAN_AGENT fallback.
  const input = windowInputFor({ platform: row.platform, humanAgentEnabled: false }, { lastInboundAt: null, lastInboundKind: null }, now, "HUMAN");
  return { row, input, messagingType: null, tag: null, attemptsMade: updated.sendAttempts, unconfirmedBefore: row.send_unconfirmed_since };
}

async function recordAllowed(tx: Tx, row: OutboxRow, input: WindowPolicyInput, decision: WindowDecision, retry: "agent" | "automatic" | "meta_outside_window") {
  await recordAuditEvent(
    {
      accountId: row.account_id,
      actorId: row.agent_id,
      conversationId: row.conversation_id,
      type: "send.allowed",
      data: { ...sendDecisionAudit(input, decision), messageId: row.id, retry },
    },
    tx,
  );
}
