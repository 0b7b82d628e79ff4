import { readJson, withAgent } from "@/lib/api/handler";
import { assignConversation } from "@/lib/conversations/assign-conversation";
import { getConversation } from "@/lib/conversations/get-conversation";
import { conversationAssigneeSchema } from "@/lib/validations/conversations";

/** PUT /api/conversations/:id/assignee {assigneeId: uuid | null} → { conversation: ConversationDetail } */
export const PUT = withAgent<{ id: string }>(async (request, { agent, params }) => {
  const conversationId = params.id;
  const { assigneeId } = await readJson(request, conversationAssigneeSchema);
  await assignConversation({ actor: agent, conversationId, assigneeId });
  return Response.json({ conversation: await getConversation({ agent, conversationId }) });
});
