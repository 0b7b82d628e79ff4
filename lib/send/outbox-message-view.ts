import "server-only";
import { db } from "@/lib/db";
import { messageViewSelect, toMessageView, type MessageView } from "@/lib/messages/message-view";

/** An outbox message as the send API answers it (errors in the agent's language). */
export async function outboxMessageView(messageId: string): Promise<MessageView> {
  const row = await db.message.findUniqueOrThrow({ where: { id: messageId }, select: messageViewSelect });
  return toMessageView(row);
}
