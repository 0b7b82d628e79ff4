import { readQuery, withAgent } from "@/lib/api/handler";
import { listConversations } from "@/lib/conversations/list-conversations";
import { conversationListQuerySchema } from "@/lib/validations/conversations";

/** GET /api/conversations?folder=&channelId=&platform=&q=&cursor=&limit= → { conversations, nextCursor } */
export const GET = withAgent(async (request, { agent }) =>
  Response.json(await listConversations(agent, readQuery(request, conversationListQuerySchema))),
);
