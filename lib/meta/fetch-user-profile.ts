import type { BatchResult, GraphClient } from "./graph-client";
import type { GraphUserProfile, MetaPlatform } from "./graph-types";

/** Meta's batch endpoint takes at most this many calls per request (REFERENCE.md §7). */
export const PROFILES_PER_BATCH = 50;

/** What the User Profile API gives of a PSID (name, picture) or an IGSID (name, username, picture). */
const profileFields = (platform: MetaPlatform) => (platform === "instagram" ? "id,name,username,profile_pic" : "id,name,first_name,last_name,profile_pic");

/**
 * The User Profile API for up to 50 people in one Graph batch request: each item still counts as a call toward
 * Meta's limits, but a burst of new people costs one HTTP round trip per 50 instead of one each. Results in the
 * order of `userIds`, each a profile or that item's own error (one private profile does not fail the others).
 * Only reads are batched, so a failed request is retried like a GET.
 */
export function fetchUserProfiles(graph: GraphClient, request: { userIds: string[]; platform: MetaPlatform; token: string; owner?: string }): Promise<BatchResult<GraphUserProfile>[]> {
  if (request.userIds.length > PROFILES_PER_BATCH) throw new Error(`at most ${PROFILES_PER_BATCH} profiles per batch`);
  const fields = profileFields(request.platform);
  return graph.batch<GraphUserProfile>(
    request.userIds.map((userId) => ({ method: "GET", relativeUrl: `${encodeURIComponent(userId)}?fields=${fields}` })),
    { token: request.token, owner: request.owner, retries: 3 },
  );
}
