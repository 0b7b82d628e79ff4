import { z } from "zod";
import { withAgent } from "@/lib/api/handler";
import { MANAGERS } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getReviewThread } from "@/lib/review/get-review-thread";

/** GET /api/review/conversations/:id — the thread's review timeline. */
export const GET = withAgent<{ id: string }>(
  async (_request, { agent, params }) => {
    if (!z.string().uuid().safeParse(params.id).success) throw AppError.notFound("Conversation");
    return Response.json(await getReviewThread({ agent, conversationId: params.id, now: new Date() }));
  },
  { roles: MANAGERS },
);
