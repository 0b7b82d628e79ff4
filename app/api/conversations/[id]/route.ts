import { withAgent } from "@/lib/api/handler";
import { getConversation } from "@/lib/conversations/get-conversation";

/** GET /api/conversations/:id → { conversation: ConversationDetail } */
export const GET = withAgent<{ id: string }>(async (_request, { agent, params }) =>
  Response.json({ conversation: await getConversation({ agent, conversationId: params.id }) }),
);
