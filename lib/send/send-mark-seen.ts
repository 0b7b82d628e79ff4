import "server-only";
import { deliverSenderAction, type SenderActionResult } from "./deliver-sender-action";

/**
 * Tells the person their message was seen (`mark_seen`). The inbox calls it when an agent opens an unread
 * conversation, after its own access check: `void sendMarkSeen(id)`. Never throws, never waits long.
 */
export function sendMarkSeen(conversationId: string): Promise<SenderActionResult> {
  return deliverSenderAction(conversationId, "mark_seen");
}
