import { readQuery, withAgent } from "@/lib/api/handler";
import { MANAGERS } from "@/lib/auth/session";
import { listReviewConversations } from "@/lib/review/list-review-conversations";
import { reviewListQuerySchema } from "@/lib/validations/review";

/** GET /api/review/conversations?agentId&channelId&platform&from&to&status&label&humanAgent&windowMissed&blocked&failed&cursor&limit */
export const GET = withAgent(
  async (request, { agent }) =>
    Response.json(await listReviewConversations({ agent, query: readQuery(request, reviewListQuerySchema), timeZone: agent.timezone, now: new Date() })),
  { roles: MANAGERS },
);
