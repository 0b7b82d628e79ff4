import type { GraphClient, GraphList } from "./graph-client";
import type { MetaPlatform } from "./graph-types";

/**
 * Meta's thread id of a person's conversation (webhooks carry the person's PSID/IGSID, never the thread id):
 * `GET /{page-id}/conversations?platform=…&user_id=<PSID|IGSID>` → `{data:[{id}]}`, or null when Meta knows
 * no conversation with that person.
 */
export async function findConversationByUser(
  graph: GraphClient,
  request: { pageId: string; platform: MetaPlatform; userId: string; token: string; owner: string },
): Promise<string | null> {
  const answer = await graph.get<GraphList<{ id: string }>>(`${request.pageId}/conversations`, {
    token: request.token,
    owner: request.owner,
    params: { platform: request.platform, user_id: request.userId, fields: "id" },
  });
  return answer.data[0]?.id ?? null;
}
