import { readJson, withAgent } from "@/lib/api/handler";
import { MANAGERS } from "@/lib/auth/session";
import { createSavedReply } from "@/lib/saved-replies/create-saved-reply";
import { listSavedReplies } from "@/lib/saved-replies/list-saved-replies";
import { createSavedReplySchema } from "@/lib/validations/saved-replies";

/** GET /api/saved-replies → { savedReplies } the agent may use (agents: account-wide and their channels'). */
export const GET = withAgent(async (_request, { agent }) => Response.json({ savedReplies: await listSavedReplies(agent) }));

/** POST /api/saved-replies {name, shortcut, text, channelIds?} → 201 { savedReply } · 409 shortcut taken (managers, admins). */
export const POST = withAgent(
  async (request, { agent }) => {
    const input = await readJson(request, createSavedReplySchema);
    return Response.json({ savedReply: await createSavedReply({ actor: agent, input }) }, { status: 201 });
  },
  { roles: MANAGERS },
);
