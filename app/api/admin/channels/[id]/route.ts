import { readJson, withAgent } from "@/lib/api/handler";
import { ADMINS } from "@/lib/auth/session";
import { disconnectChannel } from "@/lib/channels/disconnect-channel";
import { setHumanAgent } from "@/lib/channels/set-human-agent";
import { updateChannelSchema } from "@/lib/validations/channels";

/** The Human Agent toggle. */
export const PATCH = withAgent<{ id: string }>(
  async (request, { agent, params }) => {
    const { humanAgentEnabled } = await readJson(request, updateChannelSchema);
    await setHumanAgent({ actor: agent, channelId: params.id, enabled: humanAgentEnabled });
    return Response.json({ ok: true });
  },
  { roles: ADMINS },
);

export const DELETE = withAgent<{ id: string }>(
  async (_request, { agent, params }) => {
    await disconnectChannel({ actor: agent, channelId: params.id });
    return new Response(null, { status: 204 });
  },
  { roles: ADMINS },
);
