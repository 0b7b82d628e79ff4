import { readQuery, withAgent } from "@/lib/api/handler";
import { MANAGERS } from "@/lib/auth/session";
import { listReviewComments } from "@/lib/review/list-review-comments";
import { reviewCommentsQuerySchema } from "@/lib/validations/review";

/** GET /api/review/comments?from&to&channelId&platform&outcome&cursor&limit — comments with their timelines. */
export const GET = withAgent(async (request, { agent }) => Response.json(await listReviewComments({ agent, query: readQuery(request, reviewCommentsQuerySchema), now: new Date() })), { roles: MANAGERS });
