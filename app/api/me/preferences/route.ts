import { readJson, withAgent } from "@/lib/api/handler";
import { getAgentPreferences, updateAgentPreferences } from "@/lib/agents/agent-preferences";
import { agentPreferencesPatchSchema } from "@/lib/validations/preferences";

/** GET /api/me/preferences → { preferences: {desktopNotifications, sound} } (the signed-in agent's own). */
export const GET = withAgent(async (_request, { agent }) => Response.json({ preferences: await getAgentPreferences(agent) }));

/** PATCH /api/me/preferences {desktopNotifications?, sound?} → { preferences } · 400 unknown or non-boolean settings. */
export const PATCH = withAgent(async (request, { agent }) => {
  const patch = await readJson(request, agentPreferencesPatchSchema);
  return Response.json({ preferences: await updateAgentPreferences(agent, patch) });
});
