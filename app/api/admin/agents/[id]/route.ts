import { updateAgent } from "@/lib/agents/update-agent";
import { readJson, withAgent } from "@/lib/api/handler";
import { ADMINS } from "@/lib/auth/session";
import { updateAgentSchema } from "@/lib/validations/agents";

export const PATCH = withAgent<{ id: string }>(
  async (request, { agent, params: { id } }) => {
    const input = await readJson(request, updateAgentSchema);
    return Response.json({ agent: await updateAgent({ accountId: agent.accountId, actorId: agent.id, agentId: id, input }) });
  },
  { roles: ADMINS },
);
