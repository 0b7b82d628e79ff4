import { readJson, withAgent } from "@/lib/api/handler";
import { MANAGERS } from "@/lib/auth/session";
import { deleteSavedReply } from "@/lib/saved-replies/delete-saved-reply";
import { updateSavedReply } from "@/lib/saved-replies/update-saved-reply";
import { updateSavedReplySchema } from "@/lib/validations/saved-replies";

/** PATCH /api/saved-replies/:id — any of {name, shortcut, text, channelIds} → { savedReply } (managers, admins). */
export const PATCH = withAgent<{ id: string }>(
  async (request, { agent, params }) => {
    const input = await readJson(request, updateSavedReplySchema);
    return Response.json({ savedReply: await updateSavedReply({ actor: agent, savedReplyId: params.id, input }) });
  },
  { roles: MANAGERS },
);

/** DELETE /api/saved-replies/:id → 204 (managers, admins). */
export const DELETE = withAgent<{ id: string }>(
  async (_request, { agent, params }) => {
    await deleteSavedReply({ actor: agent, savedReplyId: params.id });
    return new Response(null, { status: 204 });
  },
  { roles: MANAGERS },
);
