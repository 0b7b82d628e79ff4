import { readJson, withAgent } from "@/lib/api/handler";
import { changeConversationLabels } from "@/lib/conversations/change-conversation-labels";
import { setConversationLabelsSchema } from "@/lib/validations/labels";

/** PUT /api/conversations/:id/labels {labelIds} — the complete set → { labelIds } · 400 unknown label · 404. */
export const PUT = withAgent<{ id: string }>(async (request, { agent, params }) => {
  const { labelIds } = await readJson(request, setConversationLabelsSchema);
  return Response.json(await changeConversationLabels({ actor: agent, conversationId: params.id, change: { set: labelIds } }));
});
