import "server-only";
import { accessibleChannelIds } from "@/lib/access/accessible-channel-ids";
import type { SessionAgent } from "@/lib/auth/session";
import { pool } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { toMessageView, type MessageView, type MessageViewRow } from "@/lib/messages/message-view";
import { conversationDetailSql, threadPageSql } from "./conversation-detail-sql";
import { requireId } from "./conversation-id";
import { decodeListCursor, encodeListCursor } from "./list-cursor";

export interface ThreadPage {
  /** Oldest first, as the thread shows them. */
  messages: MessageView[];
  /** Cursor for the next older page; null when this page reaches the oldest message we hold. */
  olderCursor: string | null;
}

/**
 * A page of a conversation's messages, newest first in the database and oldest first in the answer:
 * the thread opens at the newest and loads older pages as the agent scrolls up.
 */
export async function listConversationMessages({
  agent,
  conversationId,
  before,
  limit,
}: {
  agent: SessionAgent;
  conversationId: string;
  before?: string;
  limit: number;
}): Promise<ThreadPage> {
  requireId(conversationId);
  const cursor = before ? decodeListCursor(before) : null;
  if (before && !cursor) throw AppError.invalid("The cursor is not valid; reload the conversation.");
  const channelIds = await accessibleChannelIds(agent);
  const scope = { accountId: agent.accountId, channelIds };
  const { text, values } = threadPageSql({ ...scope, conversationId, before: cursor, limit: limit + 1 });
  const { rows } = await pool.query<MessageViewRow>(text, values);
  if (rows.length === 0 && !cursor) {
    // No message in the scope: tell "not yours / does not exist" apart from an empty conversation.
    const check = conversationDetailSql({ ...scope, conversationId });
    if ((await pool.query(check.text, check.values)).rowCount === 0) throw AppError.notFound("Conversation");
  }
  const page = rows.slice(0, limit);
  const oldest = page.at(-1);
  return {
    messages: page.reverse().map((row) => toMessageView(row)),
    olderCursor: rows.length > limit && oldest ? encodeListCursor({ at: oldest.sentAt, id: oldest.id }) : null,
  };
}
