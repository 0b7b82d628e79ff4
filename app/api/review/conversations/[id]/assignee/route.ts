import { readJson, withAgent } from "@/lib/api/handler";
import { MANAGERS } from "@/lib/auth/session";
import { assignConversation } from "@/lib/conversations/assign-conversation";
import { reviewAssignSchema } from "@/lib/validations/review";

/** PUT /api/review/conversations/:id/assignee {assigneeId | null} — the one change review allows. */
export const PUT = withAgent<{ id: string }>(
  async (request, { agent, params }) => {
    const { assigneeId } = await readJson(request, reviewAssignSchema);
    return Response.json(await assignConversation({ actor: agent, conversationId: params.id, assigneeId }));
  },
  { roles: MANAGERS },
);
