import "server-only";
import { accessibleChannelIds } from "@/lib/access/accessible-channel-ids";
import type { SessionAgent } from "@/lib/auth/session";
import { pool } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requireId } from "./conversation-id";
import { conversationDetailSql } from "./conversation-detail-sql";
import { toConversationDetail, type ConversationDetail, type ConversationDetailRow } from "./conversation-view";

/** One conversation the agent may see, with what the thread header, composer and contact panel show. */
export async function getConversation({ agent, conversationId }: { agent: SessionAgent; conversationId: string }): Promise<ConversationDetail> {
  requireId(conversationId);
  const channelIds = await accessibleChannelIds(agent);
  const { text, values } = conversationDetailSql({ conversationId, accountId: agent.accountId, channelIds });
  const { rows } = await pool.query<ConversationDetailRow>(text, values);
  if (!rows[0]) throw AppError.notFound("Conversation");
  return toConversationDetail(rows[0]);
}
