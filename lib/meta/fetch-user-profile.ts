import type { GraphClient } from "./graph-client";
import type { GraphUserProfile, MetaPlatform } from "./graph-types";

/** The User Profile API: name and picture of a PSID, or name, username and picture of an IGSID. */
export function fetchUserProfile(graph: GraphClient, request: { userId: string; platform: MetaPlatform; token: string; owner?: string }): Promise<GraphUserProfile> {
  return graph.get<GraphUserProfile>(request.userId, {
    token: request.token,
    // The Page / IG account whose usage the call counts toward (usage headers slow it down before a limit).
    owner: request.owner,
    params: { fields: request.platform === "instagram" ? "id,name,username,profile_pic" : "id,name,first_name,last_name,profile_pic" },
  });
}
