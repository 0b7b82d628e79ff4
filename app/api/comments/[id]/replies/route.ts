import { readJson, withAgent } from "@/lib/api/handler";
import { sendPublicReply } from "@/lib/comments/send-public-reply";
import { commentReplySchema } from "@/lib/validations/comments";
import { idempotencyKeySchema } from "@/lib/validations/messages";

/**
 * POST /api/comments/:id/replies — the Page's public answer; header `Idempotency-Key`, body {text}.
 * 201 {reply} (status SENT, PENDING or FAILED with `error`) · 200 same key replayed · 409 same key, other body ·
 * 422 the comment was removed · 400 · 404.
 */
export const POST = withAgent<{ id: string }>(async (request, { agent, params }) => {
  const idempotencyKey = idempotencyKeySchema.parse(request.headers.get("idempotency-key") ?? undefined);
  const { text } = await readJson(request, commentReplySchema);
  const { status, reply } = await sendPublicReply({ agent, commentId: params.id, idempotencyKey, text });
  return Response.json({ reply }, { status });
});
