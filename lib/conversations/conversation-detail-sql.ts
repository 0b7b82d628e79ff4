// The SQL of one conversation's detail and of one page of its thread, shared by the API and the benchmark.
// The tenant and channel scope are part of every WHERE.
//
// Pure: builds text and parameters, runs nothing.
import { DETAIL_COLUMNS, DETAIL_SLA_JOIN, LIST_JOINS } from "./conversation-view";
import type { SqlStatement } from "./conversation-list-sql";
import type { ListCursor } from "./list-cursor";

export interface ConversationScope {
  accountId: string;
  /** null: every channel of the account. */
  channelIds: string[] | null;
}

export function conversationDetailSql({ conversationId, accountId, channelIds }: ConversationScope & { conversationId: string }): SqlStatement {
  const values: unknown[] = [conversationId, accountId];
  let scope = "";
  if (channelIds) {
    values.push(channelIds);
    scope = "AND c.channel_id = ANY($3::uuid[])";
  }
  return {
    text: `SELECT ${DETAIL_COLUMNS}
  FROM conversations c
  ${LIST_JOINS}
  ${DETAIL_SLA_JOIN}
  WHERE c.id = $1::uuid AND c.account_id = $2::uuid ${scope}`,
    values,
  };
}

/**
 * One page of a thread, newest first (messages_thread_idx: conversation, sent_at DESC, id DESC), in the
 * shape of MessageViewRow (lib/messages/message-view.ts) so toMessageView maps it.
 */
export function threadPageSql({
  conversationId,
  accountId,
  channelIds,
  before,
  limit,
}: ConversationScope & { conversationId: string; before: ListCursor | null; limit: number }): SqlStatement {
  const values: unknown[] = [conversationId, accountId, limit];
  const conditions = ["m.conversation_id = $1::uuid", "m.account_id = $2::uuid"];
  if (channelIds) {
    values.push(channelIds);
    conditions.push(`m.channel_id = ANY($${values.length}::uuid[])`);
  }
  if (before) {
    values.push(before.at, before.id);
    conditions.push(`(m.sent_at, m.id) < ($${values.length - 1}::timestamptz, $${values.length}::uuid)`);
  }
  return {
    text: `SELECT m.id, m.conversation_id AS "conversationId", m.mid, m.kind, m.direction, m.sender_kind AS "senderKind",
       CASE WHEN ag.id IS NULL THEN NULL ELSE json_build_object('id', ag.id, 'name', ag.name) END AS agent,
       m.app_id AS "appId", m.text, m.attachments, m.payload, m.reply_to_mid AS "replyToMid", m.sent_at AS "sentAt", m.recorded_at AS "recordedAt",
       m.edited_at AS "editedAt", m.edit_count AS "editCount", m.deleted_at AS "deletedAt",
       COALESCE((SELECT json_agg(json_build_object('actor', r.actor, 'emoji', r.emoji, 'reaction', r.reaction))
                   FROM message_reactions r WHERE r.message_id = m.id), '[]'::json) AS reactions,
       m.messaging_type AS "messagingType", m.tag, m.send_status AS "sendStatus", m.hours_since_inbound AS "hoursSinceInbound",
       m.error_code AS "errorCode", m.error_subcode AS "errorSubcode", m.error_message AS "errorMessage",
       m.fbtrace_id AS "fbtraceId", m.idempotency_key AS "idempotencyKey",
       CASE WHEN pc.id IS NULL THEN NULL ELSE json_build_object('id', pc.id, 'text', pc.text) END AS "privateReplyComment"
  FROM messages m
  LEFT JOIN agents ag ON ag.id = m.agent_id
  LEFT JOIN comments pc ON pc.id = m.private_reply_comment_id
  WHERE ${conditions.join(" AND ")}
  ORDER BY m.sent_at DESC, m.id DESC
  LIMIT $3::int`,
    values,
  };
}
