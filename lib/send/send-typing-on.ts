import "server-only";
import { accessibleChannelIds } from "@/lib/access/accessible-channel-ids";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/validations/uuid";
import { deliverSenderAction, type SenderActionResult } from "./deliver-sender-action";
import { sendSettings } from "./send-settings";

/**
 * True when a typing_on may go out now for this conversation, and records it — one statement, in Postgres, so
 * every app instance behind the load balancer shares the throttle: the composer's keystroke reports reach any
 * of them, and Meta still hears "typing" at most once per interval (every call counts against the Page's send
 * rate). Concurrent callers queue on the row: exactly one of them gets it.
 */
async function tryAcquireTyping(conversationId: string, intervalMs: number): Promise<boolean> {
  const acquired = await db.$queryRaw<{ conversation_id: string }[]>`
    INSERT INTO typing_indicators (conversation_id, sent_at) VALUES (${conversationId}::uuid, clock_timestamp())
    ON CONFLICT (conversation_id) DO UPDATE SET sent_at = excluded.sent_at
     WHERE typing_indicators.sent_at <= excluded.sent_at - make_interval(secs => ${intervalMs / 1000})
    RETURNING conversation_id::text`;
  return acquired.length === 1;
}

/**
 * The agent is typing: `typing_on` to the person, at most once per conversation every few seconds. Answers
 * at once; the call to Meta runs in the background (`delivery`, for tests) and never fails the caller.
 */
export async function sendTypingOn({
  agent,
  conversationId,
}: {
  agent: SessionAgent;
  conversationId: string;
}): Promise<{ typing: "queued" | "throttled"; delivery: Promise<SenderActionResult> | null }> {
  const conversation = isUuid(conversationId)
    ? await db.conversation.findFirst({ where: { id: conversationId, accountId: agent.accountId }, select: { id: true, channelId: true } })
    : null;
  const channelIds = await accessibleChannelIds(agent);
  if (!conversation || (channelIds && !channelIds.includes(conversation.channelId))) throw AppError.notFound("Conversation");
  if (!(await tryAcquireTyping(conversation.id, sendSettings().typingThrottleMs))) return { typing: "throttled", delivery: null };
  const delivery = deliverSenderAction(conversation.id, "typing_on");
  return { typing: "queued", delivery };
}
