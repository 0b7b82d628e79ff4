import { messageFields, MESSAGES_PAGE_SIZE } from "./conversation-fields";
import type { GraphClient, GraphList } from "./graph-client";
import type { GraphMessage } from "./graph-types";

/**
 * The next page of a conversation's messages (older ones), from the nested `paging.cursors.after` of the
 * previous page. Only needed when Meta details more than one page of a thread's messages.
 */
export function fetchMessagePage(
  graph: GraphClient,
  request: { conversationId: string; token: string; owner: string; after: string },
): Promise<GraphList<GraphMessage>> {
  return graph.get<GraphList<GraphMessage>>(`${request.conversationId}/messages`, {
    token: request.token,
    owner: request.owner,
    params: { fields: messageFields(), limit: MESSAGES_PAGE_SIZE, after: request.after },
  });
}
