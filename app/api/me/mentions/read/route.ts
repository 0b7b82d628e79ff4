import { readJson, withAgent } from "@/lib/api/handler";
import { markMentionsRead } from "@/lib/notes/mentions";
import { markMentionsReadSchema } from "@/lib/validations/notes";

/** POST /api/me/mentions/read `{noteIds: [...]}` or `{all: true}` → { marked } (the agent's own mentions only). */
export const POST = withAgent(async (request, { agent }) => {
  const which = await readJson(request, markMentionsReadSchema);
  return Response.json({ marked: await markMentionsRead(agent, which) });
});
