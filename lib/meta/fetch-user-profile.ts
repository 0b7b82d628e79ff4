import { inParallel } from "@/lib/in-parallel";
import type { GraphClient } from "./graph-client";
import type { GraphUserProfile, MetaPlatform } from "./graph-types";

/** Meta's batch endpoint takes at most this many calls per request (REFERENCE.md §7). */
export const PROFILES_PER_BATCH = 50;
/** Profile reads in flight at once where batch requests are not used. */
export const PROFILE_READS_IN_PARALLEL = 8;

export type ProfileResult = { ok: true; profile: GraphUserProfile } | { ok: false; error: unknown };

/** What the User Profile API gives of a PSID (name, picture) or an IGSID (name, username, picture). */
const profileFields = (platform: MetaPlatform) => (platform === "instagram" ? "id,name,username,profile_pic" : "id,name,first_name,last_name,profile_pic");

/**
 * The User Profile API for up to 50 people, each result a profile or that person's own error (one private
 * profile does not fail the others), in the order of `userIds`.
 *
 * `batch`: in one Graph batch request — each item still counts as a call toward Meta's limits, but a burst of
 * new people costs one HTTP round trip per 50 instead of one each; only reads are batched, so a failed request
 * is retried like a GET, and if it still fails every person has its error. Meta documents batch requests for
 * graph.facebook.com; whether graph.instagram.com (Instagram Login) takes them is unverified, so callers on that
 * host read one by one, 8 at a time.
 */
export async function fetchUserProfiles(
  graph: GraphClient,
  request: { userIds: string[]; platform: MetaPlatform; token: string; owner?: string; batch: boolean },
): Promise<ProfileResult[]> {
  if (request.userIds.length > PROFILES_PER_BATCH) throw new Error(`at most ${PROFILES_PER_BATCH} profiles per call`);
  const fields = profileFields(request.platform);
  if (!request.batch) {
    return inParallel(request.userIds, PROFILE_READS_IN_PARALLEL, async (userId): Promise<ProfileResult> => {
      try {
        // The Page / IG account whose usage the call counts toward (usage headers slow it down before a limit).
        return { ok: true, profile: await graph.get<GraphUserProfile>(userId, { token: request.token, owner: request.owner, params: { fields } }) };
      } catch (error) {
        return { ok: false, error };
      }
    });
  }
  try {
    const results = await graph.batch<GraphUserProfile>(
      request.userIds.map((userId) => ({ method: "GET", relativeUrl: `${encodeURIComponent(userId)}?fields=${fields}` })),
      { token: request.token, owner: request.owner, retries: 3 },
    );
    return results.map((r) => (r.ok ? { ok: true, profile: r.data } : { ok: false, error: r.error }));
  } catch (error) {
    return request.userIds.map(() => ({ ok: false, error }));
  }
}
