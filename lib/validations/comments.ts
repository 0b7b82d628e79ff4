import { z } from "zod";
import { idSchema } from "./id-schema";

/** GET /api/comments?status=open|resolved&channel=&cursor= */
export const commentListQuerySchema = z.object({
  status: z.enum(["open", "resolved"]).default("open"),
  channel: idSchema().optional(),
  cursor: z.string().max(200).optional(),
});

/** POST /api/comments/:id/private-reply and /replies (with an Idempotency-Key header), and the comment composer. */
export const commentReplySchema = z.object({
  text: z.string().trim().min(1, "Write a reply.").max(8000, "Replies can be at most 8000 characters."),
});

/** POST /api/comments/:id/status */
export const commentStatusSchema = z.object({ status: z.enum(["open", "resolved"]) });

/** POST /api/comments/:id/hide */
export const commentHideSchema = z.object({ hidden: z.boolean({ message: "Say whether the comment should be hidden (true or false)." }) });

/** POST /api/comments/:id/like */
export const commentLikeSchema = z.object({ liked: z.boolean({ message: "Say whether the Page likes the comment (true or false)." }) });
