import { withAgent } from "@/lib/api/handler";
import { moderateComment } from "@/lib/comments/moderate-comment";

/** DELETE /api/comments/:id → 200 {id, hidden, likedByPage, removed: true} · 400 already removed · 404 · 502 Meta refused. Final at Meta. */
export const DELETE = withAgent<{ id: string }>(async (_request, { agent, params }) => Response.json(await moderateComment({ agent, commentId: params.id, action: "delete" })));
