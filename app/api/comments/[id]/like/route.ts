import { readJson, withAgent } from "@/lib/api/handler";
import { moderateComment } from "@/lib/comments/moderate-comment";
import { commentLikeSchema } from "@/lib/validations/comments";

/** POST /api/comments/:id/like {liked} → 200 {id, hidden, likedByPage, removed} · 400 (Instagram, removed) · 404 · 502 Meta refused. */
export const POST = withAgent<{ id: string }>(async (request, { agent, params }) => {
  const { liked } = await readJson(request, commentLikeSchema);
  return Response.json(await moderateComment({ agent, commentId: params.id, action: liked ? "like" : "unlike" }));
});
