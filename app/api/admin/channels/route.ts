import { readJson, withAgent } from "@/lib/api/handler";
import { ADMINS } from "@/lib/auth/session";
import { connectChannelFromPageToken } from "@/lib/channels/connect-channel-from-page-token";
import { listAdminChannels } from "@/lib/channels/list-admin-channels";
import { env } from "@/lib/env";
import { graphVersionStatus } from "@/lib/meta/graph-api-versions";
import { connectPageTokenSchema } from "@/lib/validations/channels";

/** Connected channels, and the Graph API version in use with Meta's end date (warning 90 days ahead). */
export const GET = withAgent(
  async (_request, { agent }) => Response.json({ channels: await listAdminChannels(agent.accountId), graphApi: graphVersionStatus(env().META_GRAPH_VERSION, new Date()) }),
  { roles: ADMINS },
);

/** Connects the Page of a pasted Page access token (and its Instagram account). */
export const POST = withAgent(
  async (request, { agent }) => {
    const { pageToken } = await readJson(request, connectPageTokenSchema);
    const connected = await connectChannelFromPageToken({ accountId: agent.accountId, actorId: agent.id, pageToken });
    return Response.json({ connected, channels: await listAdminChannels(agent.accountId) }, { status: 201 });
  },
  { roles: ADMINS },
);
