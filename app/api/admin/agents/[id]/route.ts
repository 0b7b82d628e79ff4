import { z } from "zod";
import { updateAgent } from "@/lib/agents/update-agent";
import { readJson, withAgent } from "@/lib/api/handler";
import { ADMINS } from "@/lib/auth/session";
import { updateAgentSchema } from "@/lib/validations/agents";

const params = z.object({ id: z.string().uuid() });

export const PATCH = withAgent<{ id: string }>(
  async (request, { agent, params: raw }) => {
    const { id } = params.parse(raw);
    const input = await readJson(request, updateAgentSchema);
    return Response.json({ agent: await updateAgent({ accountId: agent.accountId, actorId: agent.id, agentId: id, input }) });
  },
  { roles: ADMINS },
);
