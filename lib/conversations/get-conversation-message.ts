import "server-only";
import { channelScopeFilter } from "@/lib/access/accessible-channel-ids";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { messageViewSelect, toMessageView, type MessageView } from "@/lib/messages/message-view";
import { isUuid } from "@/lib/validations/uuid";

/** One message of a conversation the agent may see: what a realtime `message.upserted` refetches. */
export async function getConversationMessage({
  agent,
  conversationId,
  messageId,
}: {
  agent: SessionAgent;
  conversationId: string;
  messageId: string;
}): Promise<MessageView> {
  if (!isUuid(conversationId) || !isUuid(messageId)) throw AppError.notFound("Message");
  const scope = await channelScopeFilter(agent);
  const row = await db.message.findFirst({ where: { ...scope, id: messageId, conversationId }, select: messageViewSelect });
  if (!row) throw AppError.notFound("Message");
  return toMessageView(row);
}
