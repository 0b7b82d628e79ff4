import { createAgent } from "@/lib/agents/create-agent";
import { listAgents } from "@/lib/agents/list-agents";
import { readJson, withAgent } from "@/lib/api/handler";
import { ADMINS } from "@/lib/auth/session";
import { createAgentSchema } from "@/lib/validations/agents";

export const GET = withAgent(async (_request, { agent }) => Response.json({ agents: await listAgents({ accountId: agent.accountId }) }), {
  roles: ADMINS,
});

export const POST = withAgent(
  async (request, { agent }) => {
    const input = await readJson(request, createAgentSchema);
    const created = await createAgent({ accountId: agent.accountId, actorId: agent.id, input });
    return Response.json({ agent: created }, { status: 201 });
  },
  { roles: ADMINS },
);
