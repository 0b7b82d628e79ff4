// What the inbox reads of a conversation, in one Graph call (field expansion, REFERENCE.md §2 [FX]): the
// participants, Meta's counters and the newest messages with their details. Meta allows at most 25
// conversations per page and 25 messages per nested page, and details only the 20 most recent messages of a
// thread (older ones are listed with id and created_time only) — so a conversation page of 25 threads with
// their messages costs one call of the Conversations API budget. Pure.
import { expand } from "./graph-client";

/** Largest `limit` Meta honours on `/conversations` and on a conversation's `messages` edge. */
export const CONVERSATIONS_PAGE_SIZE = 25;
export const MESSAGES_PAGE_SIZE = 25;

export const MESSAGE_FIELDS = ["id", "created_time", "from", "to", "message", "attachments", "reply_to", "reactions", "sticker"] as const;

/** `fields=` of a conversation list page or a single conversation. */
export function conversationFields(): string {
  return ["id", "updated_time", "participants", "message_count", "unread_count", expand("messages", [...MESSAGE_FIELDS], { limit: MESSAGES_PAGE_SIZE })].join(",");
}

/** `fields=` of a conversation's `messages` edge (following its `paging.next`). */
export function messageFields(): string {
  return MESSAGE_FIELDS.join(",");
}
