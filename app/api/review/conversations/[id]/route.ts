import { withAgent } from "@/lib/api/handler";
import { MANAGERS } from "@/lib/auth/session";
import { getReviewThread } from "@/lib/review/get-review-thread";

/** GET /api/review/conversations/:id — the thread's review timeline. */
export const GET = withAgent<{ id: string }>(
  async (_request, { agent, params }) => {
    return Response.json(await getReviewThread({ agent, conversationId: params.id, now: new Date() }));
  },
  { roles: MANAGERS },
);
