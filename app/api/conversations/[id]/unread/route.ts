import { withAgent } from "@/lib/api/handler";
import { markConversationUnread } from "@/lib/conversations/mark-conversation-unread";

/** POST /api/conversations/:id/unread → { unreadCount } ("Mark unread") */
export const POST = withAgent<{ id: string }>(async (_request, { agent, params }) =>
  Response.json(await markConversationUnread({ agent, conversationId: params.id })),
);
