import "server-only";
import { withFreshUploadUrl } from "@/lib/uploads/public-upload-url";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { channelToken } from "@/lib/channels/channel-token";
import { markChannelProblem } from "@/lib/channels/mark-channel-problem";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { revokeHumanAgent } from "@/lib/channels/revoke-human-agent";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { logger } from "@/lib/logger";
import { graph } from "@/lib/meta/graph";
import { GraphApiError } from "@/lib/meta/graph-error";
import {
  decideWindow,
  WINDOW_REASON_TEXT,
  type BlockedDecision,
  type Platform,
  type WindowDecision,
  type WindowOpener,
  type WindowPolicyInput,
} from "@/lib/policy/window-policy";
import { publishRealtime } from "@/lib/realtime/publish";
import { classifySendFailure, type SendFailure } from "./classify-send-failure";
import { humanAgentFallback } from "./human-agent-fallback";
import { localSendError } from "./local-send-error";
import { markOutboundSent } from "./mark-outbound-sent";
import { sendApiRequest, type OutboundAttachment } from "./send-api-request";
import { sendDecisionAudit } from "./send-decision-audit";
import { SEND_DELIVER_QUEUE } from "./send-queue";
import { sendSettings } from "./send-settings";
import { windowInputFor } from "./window-input";


/** Who asked for this attempt: the agent's send request, the outbox job, or the agent's retry button. */
export type AttemptTrigger = "send" | "automatic" | "agent_retry";

export type AttemptOutcome =
  | { status: "SENT" }
  | { status: "FAILED" }
  /** Not settled: the next attempt (or echo check) is due at nextAttemptAt. */
  | { status: "PENDING"; nextAttemptAt: Date }
  /** The policy blocked the send at attempt time; the message is FAILED and Meta was not called. */
  | { status: "BLOCKED"; decision: BlockedDecision }
  | { status: "NOT_FOUND" };

interface OutboxRow {
  id: string;
  account_id: string;
  channel_id: string;
  conversation_id: string;
  agent_id: string | null;
  sender_kind: "AGENT" | "OUR_APP";
  text: string | null;
  attachments: unknown;
  reply_to_mid: string | null;
  send_status: "PENDING" | "SENT" | "FAILED" | null;
  send_attempts: number;
  next_attempt_at: Date | null;
  messaging_type: string | null;
  tag: string | null;
  send_metadata: string | null;
  platform: Platform;
  human_agent_enabled: boolean;
  page_meta_id: string;
  meta_id: string;
  token_status: "VALID" | "NEEDS_RECONNECT" | "MISCONFIGURED";
  last_inbound_at: Date | null;
  last_inbound_kind: WindowOpener | null;
  recipient_id: string;
}

/** A claimed attempt: the row as it goes out, with the decision it goes out under. */
interface Claimed {
  row: OutboxRow;
  input: WindowPolicyInput;
  messagingType: "RESPONSE" | "MESSAGE_TAG";
  tag: "HUMAN_AGENT" | null;
  attemptsMade: number;
}

/**
 * One attempt to deliver an outbox message to Meta, shared by the send API (first attempt, inline), the
 * outbox job (automatic retries and echo checks) and the agent's retry. At most one attempt runs at a time
 * per message: claiming sets `nextAttemptAt` as a lease, and only a PENDING message whose `nextAttemptAt`
 * has passed can be claimed.
 *
 * The window policy is evaluated again at every attempt, with the conversation's current last opener —
 * a message waiting for a retry can cross from RESPONSE to HUMAN_AGENT, or be blocked.
 */
export async function attemptOutboxSend(messageId: string, trigger: AttemptTrigger): Promise<AttemptOutcome> {
  const claim = await claimAttempt(messageId, trigger);
  if ("status" in claim) return claim;
  return deliverClaimed(claim, { fallbackUsed: false });
}

async function claimAttempt(messageId: string, trigger: AttemptTrigger): Promise<Claimed | AttemptOutcome> {
  const settings = sendSettings();
  const outcome = await db.$transaction(async (tx): Promise<Claimed | AttemptOutcome> => {
    const [row] = await tx.$queryRaw<OutboxRow[]>`
      SELECT m.id, m.account_id, m.channel_id, m.conversation_id, m.agent_id, m.sender_kind::text AS sender_kind, m.text,
             m.attachments, m.reply_to_mid, m.send_status::text AS send_status, m.send_attempts, m.next_attempt_at,
             m.messaging_type::text AS messaging_type, m.tag, m.send_metadata,
             ch.platform::text AS platform, ch.human_agent_enabled, ch.page_meta_id, ch.meta_id, ch.token_status::text AS token_status,
             c.last_inbound_at, c.last_inbound_kind::text AS last_inbound_kind, ct.platform_user_id AS recipient_id
        FROM messages m
        JOIN channels ch ON ch.id = m.channel_id
        JOIN conversations c ON c.id = m.conversation_id
        JOIN contacts ct ON ct.id = c.contact_id
       WHERE m.id = ${messageId}::uuid AND m.direction = 'OUTBOUND' AND m.send_metadata IS NOT NULL
         FOR UPDATE OF m`;
    if (!row) return { status: "NOT_FOUND" };
    if (row.send_status === "SENT") return { status: "SENT" };
    if (row.send_status !== "PENDING") return { status: "FAILED" };
    const now = new Date();
    if (row.next_attempt_at && row.next_attempt_at > now) return { status: "PENDING", nextAttemptAt: row.next_attempt_at };

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
    if (row.token_status === "NEEDS_RECONNECT") {
      await failWithoutCalling(tx, row, localSendError("needs_reconnect", "The channel's token was refused by Meta earlier; Meta was not called."));
      return { status: "FAILED" };
    }
    // Every decision that changes how the message goes out is audited, and every retry an agent asks for;
    // an automatic retry under the decision already recorded is not a new decision.
    if (trigger === "agent_retry" || decision.messagingType !== row.messaging_type || decision.tag !== row.tag) {
      await recordAllowed(tx, row, input, decision, trigger === "agent_retry" ? "agent" : "automatic");
    }
    // The lease: if this process dies during the call, the outbox job treats the attempt as an unknown
    // outcome — it waits for an echo as long as after a timeout before sending again.
    const lease = new Date(now.getTime() + settings.graphSendTimeoutMs + settings.echoWaitMs);
    const updated = await tx.message.update({
      where: { id: row.id },
      data: {
        messagingType: decision.messagingType,
        tag: decision.tag,
        hoursSinceInbound: decision.hoursSinceInbound,
        sendAttempts: { increment: 1 },
        nextAttemptAt: lease,
      },
      select: { sendAttempts: true },
    });
    return { row, input, messagingType: decision.messagingType, tag: decision.tag, attemptsMade: updated.sendAttempts };
  });
  return outcome;
}

async function deliverClaimed(claim: Claimed, options: { fallbackUsed: boolean }): Promise<AttemptOutcome> {
  const { row } = claim;
  let token: string;
  try {
    token = await channelToken(row.channel_id);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await db.$transaction((tx) => failWithoutCalling(tx, row, localSendError("not_connected", error.message)));
    return { status: "FAILED" };
  }

  const body = sendApiRequest({
    recipientId: row.recipient_id,
    messagingType: claim.messagingType,
    tag: claim.tag,
    text: row.text,
    // Signed URLs expire: Meta gets one signed for this attempt.
    attachments: attachmentsOf(row).map(withFreshUploadUrl),
    metadata: row.send_metadata!,
    replyToMid: row.reply_to_mid,
  });
  let response: { message_id?: string; recipient_id?: string };
  try {
    response = await graph().post(`${row.page_meta_id}/messages`, {
      token,
      body,
      owner: row.meta_id,
      retries: 0,
      timeoutMs: sendSettings().graphSendTimeoutMs,
    });
  } catch (error) {
    const failure = classifySendFailure(error, { attemptsMade: claim.attemptsMade, messagingType: claim.messagingType, tag: claim.tag });
    if (failure.kind === "outside_window" && !options.fallbackUsed) {
      const retried = await tryHumanAgentFallback(claim, failure, error as GraphApiError);
      if (retried) return retried;
    }
    return recordFailure(claim, failure, error);
  }

  if (!response.message_id) {
    // An answer without a message id proves nothing: treat it like no answer and let the echo decide.
    const failure = classifySendFailure(new GraphApiError(200, { code: 1, error_subcode: 1357046, message: "Send API answered without a message_id" }), {
      attemptsMade: claim.attemptsMade,
      messagingType: claim.messagingType,
      tag: claim.tag,
    });
    return recordFailure(claim, failure, null);
  }
  await db.$transaction((tx) =>
    markOutboundSent(tx, { messageId: row.id, channelId: row.channel_id, mid: response.message_id!, metaResponse: response as Prisma.InputJsonObject }),
  );
  return { status: "SENT" };
}

/**
 * Meta refused a RESPONSE as outside the 24-hour window. When the policy allows HUMAN_AGENT for this
 * message (human-written text, feature on, inside 7 days), send it once more with the tag right away.
 */
async function tryHumanAgentFallback(claim: Claimed, refusal: SendFailure, error: GraphApiError): Promise<AttemptOutcome | null> {
  const { row } = claim;
  const input = { ...claim.input, now: new Date() };
  const fallback = humanAgentFallback(input, { hasText: Boolean(row.text) });
  if (!fallback) return null;
  const attemptsMade = await db.$transaction(async (tx) => {
    const updated = await tx.message.updateMany({
      where: { id: row.id, sendStatus: "PENDING" },
      data: {
        messagingType: "MESSAGE_TAG",
        tag: "HUMAN_AGENT",
        hoursSinceInbound: fallback.hoursSinceInbound,
        sendAttempts: { increment: 1 },
        ...errorFields(refusal, error),
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
    await recordAllowed(tx, row, input, fallback, "meta_outside_window");
    return claim.attemptsMade + 1;
  });
  if (attemptsMade === null) return { status: "SENT" };
  logger.info("RESPONSE refused as outside the window: sending once more as HUMAN_AGENT", { messageId: row.id, fbtraceId: refusal.fbtraceId });
  return deliverClaimed({ ...claim, input, messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT", attemptsMade }, { fallbackUsed: true });
}

async function recordFailure(claim: Claimed, failure: SendFailure, error: unknown): Promise<AttemptOutcome> {
  const { row } = claim;
  const nextAttemptAt = failure.final ? null : new Date(Date.now() + (failure.retryInMs ?? 0));
  const stillPending = await db.$transaction(async (tx) => {
    // An echo may have settled the message while the call was failing: then there is nothing to record.
    const updated = await tx.message.updateMany({
      where: { id: row.id, sendStatus: "PENDING" },
      data: { sendStatus: failure.final ? "FAILED" : "PENDING", nextAttemptAt, ...errorFields(failure, error) },
    });
    if (updated.count === 0) return false;
    await recordAuditEvent(
      {
        accountId: row.account_id,
        actorId: row.agent_id,
        conversationId: row.conversation_id,
        type: "send.failed",
        data: { messageId: row.id, code: failure.code, subcode: failure.subcode, fbtraceId: failure.fbtraceId, final: failure.final },
      },
      tx,
    );
    if (nextAttemptAt) await enqueueJob(SEND_DELIVER_QUEUE, { messageId: row.id }, { singletonKey: row.id, runAt: nextAttemptAt }, tx);
    await publishRealtime([{ type: "message.upserted", accountId: row.account_id, channelId: row.channel_id, conversationId: row.conversation_id, messageId: row.id }], tx);
    return true;
  });
  if (!stillPending) return { status: "SENT" };
  logger.warn("send attempt failed", {
    messageId: row.id,
    kind: failure.kind,
    final: failure.final,
    code: failure.code,
    subcode: failure.subcode,
    fbtraceId: failure.fbtraceId,
    attempts: claim.attemptsMade,
  });
  if (failure.final && error instanceof GraphApiError) await applyChannelConsequences(row, failure, error);
  return nextAttemptAt ? { status: "PENDING", nextAttemptAt } : { status: "FAILED" };
}

/** A refused token stops the channel; a refused HUMAN_AGENT tag turns the feature off for it. */
async function applyChannelConsequences(row: OutboxRow, failure: SendFailure, error: GraphApiError): Promise<void> {
  try {
    if (failure.meaning.key === "human_agent_feature_missing") await revokeHumanAgent(row.channel_id, { messageId: row.id, code: error.code, subcode: error.subcode, fbtraceId: error.fbtraceId });
    else if (failure.meaning.channelProblem === "token") await markChannelProblem(row.channel_id, error, "token");
    else if (failure.meaning.channelProblem === "permissions") await markChannelProblem(row.channel_id, error, "permissions");
  } catch (consequenceError) {
    // The message's own failure is recorded; a failure to flag the channel must not hide it.
    logger.error("could not record the channel problem", { channelId: row.channel_id, error: consequenceError });
  }
}

function errorFields(failure: SendFailure, error: unknown) {
  return {
    errorCode: failure.code,
    errorSubcode: failure.subcode,
    errorMessage: failure.raw,
    fbtraceId: failure.fbtraceId,
    ...(error instanceof GraphApiError ? { metaResponse: { error: error.body } as unknown as Prisma.InputJsonObject } : {}),
  };
}

async function failWithoutCalling(tx: Tx, row: OutboxRow, errorMessage: string): Promise<void> {
  await tx.message.updateMany({
    where: { id: row.id, sendStatus: "PENDING" },
    data: { sendStatus: "FAILED", nextAttemptAt: null, errorCode: null, errorSubcode: null, errorMessage, fbtraceId: null },
  });
  await recordAuditEvent(
    {
      accountId: row.account_id,
      actorId: row.agent_id,
      conversationId: row.conversation_id,
      type: "send.failed",
      data: { messageId: row.id, code: null, subcode: null, fbtraceId: null, final: true },
    },
    tx,
  );
  await publishRealtime([{ type: "message.upserted", accountId: row.account_id, channelId: row.channel_id, conversationId: row.conversation_id, messageId: row.id }], tx);
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

function attachmentsOf(row: OutboxRow): OutboundAttachment[] {
  return Array.isArray(row.attachments) ? (row.attachments as OutboundAttachment[]) : [];
}
