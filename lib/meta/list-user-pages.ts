import type { GraphClient } from "./graph-client";
import type { GraphPage } from "./graph-types";

export const PAGE_FIELDS = "id,name,username,category,access_token,tasks,picture{url},instagram_business_account{id,username,name,profile_picture_url}";

/** Every Page a user token was granted (`/me/accounts`), each with its Page token and linked IG account. */
export async function listUserPages(graph: GraphClient, userToken: string): Promise<GraphPage[]> {
  const pages: GraphPage[] = [];
  for await (const page of graph.pages<GraphPage>("me/accounts", { token: userToken, params: { fields: PAGE_FIELDS, limit: 100 } })) {
    pages.push(...page.data);
  }
  return pages;
}
