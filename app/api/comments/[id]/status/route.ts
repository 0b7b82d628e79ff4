import { readJson, withAgent } from "@/lib/api/handler";
import { changeCommentStatus } from "@/lib/comments/change-comment-status";
import { commentStatusSchema } from "@/lib/validations/comments";

/** POST /api/comments/:id/status {status: "open"|"resolved"} → 200 {status} · 400 · 404. */
export const POST = withAgent<{ id: string }>(async (request, { agent, params }) => {
  const { status } = await readJson(request, commentStatusSchema);
  return Response.json(await changeCommentStatus({ agent, commentId: params.id, status }));
});
