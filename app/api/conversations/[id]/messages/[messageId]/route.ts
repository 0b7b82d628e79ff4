import { withAgent } from "@/lib/api/handler";
import { getConversationMessage } from "@/lib/conversations/get-conversation-message";

/** GET /api/conversations/:id/messages/:messageId → { message: MessageView } (what realtime refetches) */
export const GET = withAgent<{ id: string; messageId: string }>(async (_request, { agent, params }) =>
  Response.json({ message: await getConversationMessage({ agent, conversationId: params.id, messageId: params.messageId }) }),
);
