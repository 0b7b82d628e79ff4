import { readJson, withAgent } from "@/lib/api/handler";
import { changeConversationStatus } from "@/lib/conversations/change-conversation-status";
import { getConversation } from "@/lib/conversations/get-conversation";
import { conversationStatusSchema } from "@/lib/validations/conversations";

/**
 * PUT /api/conversations/:id/status
 *   {status: "RESOLVED"} | {status: "OPEN"} | {status: "SNOOZED", snoozedUntil: ISO-8601 with offset}
 * → { conversation: ConversationDetail }
 */
export const PUT = withAgent<{ id: string }>(async (request, { agent, params }) => {
  const change = await readJson(request, conversationStatusSchema);
  await changeConversationStatus({ actor: agent, conversationId: params.id, change });
  return Response.json({ conversation: await getConversation({ agent, conversationId: params.id }) });
});
