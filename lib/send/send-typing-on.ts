import "server-only";
import { accessibleChannelIds } from "@/lib/access/accessible-channel-ids";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/validations/uuid";
import { deliverSenderAction, type SenderActionResult } from "./deliver-sender-action";
import { sendSettings } from "./send-settings";
import { TypingThrottle } from "./typing-throttle";

const holder = globalThis as unknown as { __inboxTypingThrottle?: TypingThrottle };
const throttle = (holder.__inboxTypingThrottle ??= new TypingThrottle(() => sendSettings().typingThrottleMs));

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
  if (!throttle.tryAcquire(conversation.id, Date.now())) return { typing: "throttled", delivery: null };
  const delivery = deliverSenderAction(conversation.id, "typing_on");
  return { typing: "queued", delivery };
}
