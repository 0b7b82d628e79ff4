import { readJson, withAgent } from "@/lib/api/handler";
import { moderateComment } from "@/lib/comments/moderate-comment";
import { commentHideSchema } from "@/lib/validations/comments";

/** POST /api/comments/:id/hide {hidden} → 200 {id, hidden, likedByPage, removed} · 400 (the Page's own, removed) · 404 · 502 Meta refused. */
export const POST = withAgent<{ id: string }>(async (request, { agent, params }) => {
  const { hidden } = await readJson(request, commentHideSchema);
  return Response.json(await moderateComment({ agent, commentId: params.id, action: hidden ? "hide" : "unhide" }));
});
