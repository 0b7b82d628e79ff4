import { withAgent } from "@/lib/api/handler";
import { retryOutboxMessage } from "@/lib/send/retry-outbox-message";

/** POST /api/messages/:id/retry → 200 {message} (a new attempt of a FAILED message) · 409 already sent or still sending · 422 window_closed · 404. */
export const POST = withAgent<{ id: string }>(async (_request, { agent, params }) =>
  Response.json(await retryOutboxMessage({ agent, messageId: params.id })),
);
