import { withAgent } from "@/lib/api/handler";
import { listChannels } from "@/lib/channels/list-channels";

export const GET = withAgent(async (_request, { agent }) => Response.json({ channels: await listChannels(agent) }));
