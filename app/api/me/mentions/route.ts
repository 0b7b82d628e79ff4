import { withAgent } from "@/lib/api/handler";
import { listMentions } from "@/lib/notes/mentions";

/** GET /api/me/mentions → { unreadCount, mentions: [{noteId, conversationId, contactName, authorName, excerpt, createdAt, readAt}] }. */
export const GET = withAgent(async (_request, { agent }) => Response.json(await listMentions(agent)));
