import { readJson, withAgent } from "@/lib/api/handler";
import { sendPrivateReply } from "@/lib/comments/send-private-reply";
import { commentReplySchema } from "@/lib/validations/comments";
import { idempotencyKeySchema } from "@/lib/validations/messages";

/**
 * POST /api/comments/:id/private-reply — header `Idempotency-Key`, body {text}. Like the message send API:
 * 201 {message} (SENT, PENDING or FAILED) · 200 same key replayed · 409 same key, other body · 422
 * window_closed {details: {reason: OWN_COMMENT|ALREADY_REPLIED|REPLY_IN_PROGRESS|EXPIRED|REMOVED, deadline}},
 * decided before Meta is called · 400 · 404.
 */
export const POST = withAgent<{ id: string }>(async (request, { agent, params }) => {
  const idempotencyKey = idempotencyKeySchema.parse(request.headers.get("idempotency-key") ?? undefined);
  const { text } = await readJson(request, commentReplySchema);
  const { status, message } = await sendPrivateReply({ agent, commentId: params.id, idempotencyKey, text });
  return Response.json({ message }, { status });
});
