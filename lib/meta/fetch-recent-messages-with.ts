import { MESSAGE_FIELDS, MESSAGES_PAGE_SIZE } from "./conversation-fields";
import { expand, type GraphClient, type GraphList } from "./graph-client";
import type { GraphConversation, GraphMessage, MetaPlatform } from "./graph-types";

/**
 * The newest messages of the Page's conversation with a person (PSID / IGSID), newest first: one call of the
 * Conversations API (`user_id` lookup with the messages expanded), or two if Meta answers the lookup with the
 * thread id only. An empty list when Meta knows no conversation with that person.
 */
export async function fetchRecentMessagesWith(
  graph: GraphClient,
  request: { pageId: string; platform: MetaPlatform; userId: string; token: string; owner: string; timeoutMs: number },
): Promise<GraphMessage[]> {
  const call = { token: request.token, owner: request.owner, retries: 0, timeoutMs: request.timeoutMs };
  const found = await graph.get<GraphList<GraphConversation>>(`${request.pageId}/conversations`, {
    ...call,
    params: { platform: request.platform, user_id: request.userId, fields: ["id", expand("messages", [...MESSAGE_FIELDS], { limit: MESSAGES_PAGE_SIZE })].join(",") },
  });
  const conversation = found.data[0];
  if (!conversation) return [];
  if (conversation.messages) return conversation.messages.data;
  const messages = await graph.get<GraphList<GraphMessage>>(`${conversation.id}/messages`, {
    ...call,
    params: { fields: MESSAGE_FIELDS.join(","), limit: MESSAGES_PAGE_SIZE },
  });
  return messages.data;
}
