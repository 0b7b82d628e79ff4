import { setAgentChannels } from "@/lib/agents/set-agent-channels";
import { readJson, withAgent } from "@/lib/api/handler";
import { ADMINS } from "@/lib/auth/session";
import { setAgentChannelsSchema } from "@/lib/validations/agents";

export const PUT = withAgent<{ id: string }>(
  async (request, { agent, params: { id } }) => {
    const { channelIds } = await readJson(request, setAgentChannelsSchema);
    return Response.json({
      agent: await setAgentChannels({ accountId: agent.accountId, actorId: agent.id, agentId: id, channelIds }),
    });
  },
  { roles: ADMINS },
);
