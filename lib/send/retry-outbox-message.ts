import "server-only";
import { accessibleChannelIds } from "@/lib/access/accessible-channel-ids";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { MessageView } from "@/lib/messages/message-view";
import { WINDOW_REASON_TEXT } from "@/lib/policy/window-policy";
import { attemptOutboxSend } from "./attempt-outbox-send";
import { isUuid } from "@/lib/validations/uuid";
import { outboxMessageView } from "./outbox-message-view";
import { windowClosedDetails } from "./send-decision-audit";

/**
 * The agent's "Retry" on a FAILED message: the same outbox row (same metadata, so a late echo of an
 * earlier attempt still settles it) gets a new attempt, decided again by the window policy — or, when an
 * earlier call was never confirmed, answers PENDING while the outbox job reads the thread back first. A message
 * that is SENT, or PENDING (still being sent or retried automatically), is refused with 409. A retry the
 * policy blocks answers 422 like a new send, and the message stays FAILED with that reason.
 */
export async function retryOutboxMessage({ agent, messageId }: { agent: SessionAgent; messageId: string }): Promise<{ message: MessageView }> {
  if (!isUuid(messageId)) throw AppError.notFound("Message");
  const message = await db.message.findFirst({
    where: { id: messageId, accountId: agent.accountId, direction: "OUTBOUND", sendMetadata: { not: null } },
    select: { id: true, channelId: true, sendStatus: true },
  });
  const channelIds = await accessibleChannelIds(agent);
  if (!message || (channelIds && !channelIds.includes(message.channelId))) throw AppError.notFound("Message");
  if (message.sendStatus === "SENT") throw AppError.conflict("This message was already sent.");

  // Only one retry wins: FAILED → PENDING is a conditional update. Calls and read-backs count again from
  // zero: the automatic retries after this attempt are bounded like those of a new message. An earlier call
  // Meta never confirmed stays on record, so the thread is read back before anything is sent again.
  const { count } = await db.message.updateMany({
    where: { id: message.id, sendStatus: "FAILED" },
    data: { sendStatus: "PENDING", sendAttempts: 0, sendChecks: 0, nextAttemptAt: null, errorCode: null, errorSubcode: null, errorMessage: null, fbtraceId: null },
  });
  if (count === 0) throw AppError.conflict("This message is still being sent; its status updates on its own.");

  const outcome = await attemptOutboxSend(message.id, "agent_retry");
  if (outcome.status === "BLOCKED") {
    const text = WINDOW_REASON_TEXT[outcome.decision.reason];
    throw new AppError("window_closed", `${text.title}. ${text.detail}`, windowClosedDetails(outcome.decision));
  }
  return { message: await outboxMessageView(message.id) };
}
