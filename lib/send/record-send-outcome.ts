import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { markChannelRestricted } from "@/lib/channels/channel-restriction";
import { markChannelProblem } from "@/lib/channels/mark-channel-problem";
import { revokeHumanAgent } from "@/lib/channels/revoke-human-agent";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";
import { notifyAdmins } from "@/lib/notifications/notify-admins";
import { isGraphApiError, type GraphApiError } from "@/lib/meta/graph-error";
import { publishRealtime } from "@/lib/realtime/publish";
import type { SendFailure } from "./classify-send-failure";
import { localSendError } from "./local-send-error";
import type { OutboxRow } from "./outbox-row";
import { scheduleOutboxJob } from "./schedule-outbox-job";

/** What an attempt ends in, for its caller (the send API, the retry API, the outbox job). */
export type RecordedOutcome = { status: "SENT" } | { status: "FAILED" } | { status: "PENDING"; nextAttemptAt: Date };

const publishUpserted = (tx: Tx, row: OutboxRow) =>
  publishRealtime([{ type: "message.upserted", accountId: row.account_id, channelId: row.channel_id, conversationId: row.conversation_id, messageId: row.id }], tx);

function auditFailed(tx: Tx, row: OutboxRow, data: { code: number | null; subcode: number | null; fbtraceId: string | null; final: boolean }) {
  return recordAuditEvent(
    { accountId: row.account_id, actorId: row.agent_id, conversationId: row.conversation_id, type: "send.failed", data: { messageId: row.id, ...data } },
    tx,
  );
}

export function errorFields(failure: SendFailure, error: unknown) {
  return {
    errorCode: failure.code,
    errorSubcode: failure.subcode,
    errorMessage: failure.raw,
    fbtraceId: failure.fbtraceId,
    ...(isGraphApiError(error) ? { metaResponse: { error: error.body } as unknown as Prisma.InputJsonObject } : {}),
  };
}

/**
 * Records a failed Send API call: FAILED when nothing more will happen, else PENDING with the next attempt
 * due (and its outbox job moved there). `unconfirmedBefore` is when an earlier call of this message went
 * unconfirmed: a call Meta refused proves nothing about that one, so the read-back stays due.
 */
export async function recordSendFailure(row: OutboxRow, failure: SendFailure, error: unknown, unconfirmedBefore: Date | null): Promise<RecordedOutcome> {
  const nextAttemptAt = failure.final ? null : new Date(Date.now() + (failure.retryInMs ?? 0));
  const stillPending = await db.$transaction(async (tx) => {
    // An echo may have settled the message while the call was failing: then there is nothing to record.
    const updated = await tx.message.updateMany({
      where: { id: row.id, sendStatus: "PENDING" },
      data: {
        sendStatus: failure.final ? "FAILED" : "PENDING",
        nextAttemptAt,
        ...errorFields(failure, error),
        ...(failure.mayHaveBeenSent ? {} : { sendUnconfirmedSince: unconfirmedBefore }),
      },
    });
    if (updated.count === 0) return false;
    await auditFailed(tx, row, { code: failure.code, subcode: failure.subcode, fbtraceId: failure.fbtraceId, final: failure.final });
    if (nextAttemptAt) await scheduleOutboxJob(tx, row.id, nextAttemptAt);
    await publishUpserted(tx, row);
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
  });
  // A refused token stops the channel at once (the request that met it already says so), a refused
  // HUMAN_AGENT tag turns the feature off for it, a restriction by Meta marks the channel and alerts its admins.
  if (failure.final && isGraphApiError(error)) await applyChannelConsequences(row, failure, error);
  return nextAttemptAt ? { status: "PENDING", nextAttemptAt } : { status: "FAILED" };
}

async function applyChannelConsequences(row: OutboxRow, failure: SendFailure, error: GraphApiError): Promise<void> {
  try {
    if (failure.meaning.key === "human_agent_feature_missing") await revokeHumanAgent(row.channel_id, { messageId: row.id, code: error.code, subcode: error.subcode, fbtraceId: error.fbtraceId });
    else if (failure.meaning.channelProblem === "token") await markChannelProblem(row.channel_id, error, "token");
    else if (failure.meaning.channelProblem === "permissions") await markChannelProblem(row.channel_id, error, "permissions");
    else if (failure.meaning.key === "page_restricted") await markChannelRestricted(row.channel_id, row.id, error);
    else if (failure.meaning.key === "tag_bothersome") {
      await notifyAdmins({
        channelId: row.channel_id,
        kind: "send.tag_bothersome",
        code: error.code,
        subcode: error.subcode,
        fbtraceId: error.fbtraceId,
        extra: { messageId: row.id, conversationId: row.conversation_id },
      });
    }
  } catch (consequenceError) {
    // The message's own failure is recorded; a failure to flag the channel must not hide it.
    logger.error("could not record the channel problem", { channelId: row.channel_id, error: consequenceError });
  }
}

/** Ends the message FAILED without calling Meta (our own reason: no token, token known bad, window closed). */
export async function failWithoutCalling(tx: Tx, row: OutboxRow, errorMessage: string): Promise<void> {
  await tx.message.updateMany({
    where: { id: row.id, sendStatus: "PENDING" },
    data: { sendStatus: "FAILED", nextAttemptAt: null, errorCode: null, errorSubcode: null, errorMessage, fbtraceId: null },
  });
  await auditFailed(tx, row, { code: null, subcode: null, fbtraceId: null, final: true });
  await publishUpserted(tx, row);
}

const GIVE_UP_TEXT = {
  not_delivered: "Meta never confirmed this message and it is not in the conversation at Meta: it was not delivered.",
  unconfirmed: "Meta did not confirm this message and the conversation at Meta could not be read, so it was not sent again.",
} as const;

/**
 * Ends an unconfirmed message FAILED, final, without another Send API call:
 *   not_delivered  the calls are used up and the read-back found no copy at Meta (a refusal Meta gave with a
 *                  code stays the reason shown; a call without any answer becomes "not delivered")
 *   unconfirmed    the thread could not be read often enough to know; the agent's retry reads it first
 */
export async function giveUp(row: OutboxRow, reason: keyof typeof GIVE_UP_TEXT): Promise<RecordedOutcome> {
  const done = await db.$transaction(async (tx) => {
    const current = await tx.message.findUnique({ where: { id: row.id }, select: { sendStatus: true, errorCode: true, errorSubcode: true, fbtraceId: true } });
    if (current?.sendStatus !== "PENDING") return false;
    const replace = reason === "unconfirmed" || current.errorCode === null;
    await tx.message.update({
      where: { id: row.id },
      data: {
        sendStatus: "FAILED",
        nextAttemptAt: null,
        ...(replace ? { errorCode: null, errorSubcode: null, fbtraceId: null, errorMessage: localSendError(reason, GIVE_UP_TEXT[reason]) } : {}),
      },
    });
    await auditFailed(tx, row, replace ? { code: null, subcode: null, fbtraceId: null, final: true } : { code: current.errorCode, subcode: current.errorSubcode, fbtraceId: current.fbtraceId, final: true });
    await publishUpserted(tx, row);
    return true;
  });
  if (done) logger.warn("send given up without calling Meta again", { messageId: row.id, reason });
  return done ? { status: "FAILED" } : { status: "SENT" };
}

/** Leaves the message PENDING for the outbox job, due at `at` (a call that does not fit the agent's request). */
export async function leaveToOutboxJob(row: OutboxRow, at: Date): Promise<RecordedOutcome> {
  await db.$transaction(async (tx) => {
    await tx.message.updateMany({ where: { id: row.id, sendStatus: "PENDING" }, data: { nextAttemptAt: at } });
    await scheduleOutboxJob(tx, row.id, at);
  });
  return { status: "PENDING", nextAttemptAt: at };
}
