import { withAgent } from "@/lib/api/handler";
import { markConversationRead } from "@/lib/conversations/mark-conversation-read";

/** POST /api/conversations/:id/read → { unreadCount: 0 } (the inbox calls it when an agent opens an unread conversation) */
export const POST = withAgent<{ id: string }>(async (_request, { agent, params }) =>
  Response.json(await markConversationRead({ agent, conversationId: params.id })),
);
