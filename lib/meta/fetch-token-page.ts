import type { GraphClient } from "./graph-client";
import type { GraphPage } from "./graph-types";

/** The Page a Page token belongs to (`/me` with that token), with its linked IG account. */
export function fetchTokenPage(graph: GraphClient, pageToken: string): Promise<GraphPage> {
  return graph.get<GraphPage>("me", {
    token: pageToken,
    params: { fields: "id,name,username,category,picture{url},instagram_business_account{id,username,name,profile_picture_url}" },
  });
}
