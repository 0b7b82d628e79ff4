import { conversationFields, CONVERSATIONS_PAGE_SIZE } from "./conversation-fields";
import type { GraphClient, GraphList } from "./graph-client";
import type { GraphConversation, MetaPlatform } from "./graph-types";

export interface ConversationPageRequest {
  /** The Page whose token addresses the Graph API (for Instagram: the linked Page). */
  pageId: string;
  platform: MetaPlatform;
  token: string;
  /** The rate-limit owner: the Page id (Messenger) or the IG account id (Instagram). */
  owner: string;
  /** Resume after this cursor (`paging.cursors.after` of the previous page); absent = newest first. */
  after?: string | null;
}

/**
 * One page of a channel's conversations, each with participants, counters and its newest messages
 * (lib/meta/conversation-fields.ts) — one call of the Conversations API budget. Follow `paging.next` (via
 * `paging.cursors.after`) until Meta stops giving one; short pages may still have one.
 */
export function fetchConversationPage(graph: GraphClient, request: ConversationPageRequest): Promise<GraphList<GraphConversation>> {
  return graph.get<GraphList<GraphConversation>>(`${request.pageId}/conversations`, {
    token: request.token,
    owner: request.owner,
    params: {
      platform: request.platform,
      fields: conversationFields(),
      limit: CONVERSATIONS_PAGE_SIZE,
      ...(request.after ? { after: request.after } : {}),
    },
  });
}
