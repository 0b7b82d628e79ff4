import { withAgent } from "@/lib/api/handler";
import { listAssignableAgents } from "@/lib/conversations/list-assignable-agents";

/** GET /api/conversations/:id/assignable-agents → { agents: [{id, name, role}] } */
export const GET = withAgent<{ id: string }>(async (_request, { agent, params }) =>
  Response.json({ agents: await listAssignableAgents({ agent, conversationId: params.id }) }),
);
