import { readJson, withAgent } from "@/lib/api/handler";
import { listPresence, recordPresence } from "@/lib/presence/record-presence";
import { presenceSchema } from "@/lib/validations/presence";

/** GET /api/conversations/:id/presence → { present: [{agentId, name, typing}] } (the other agents there now). */
export const GET = withAgent<{ id: string }>(async (_request, { agent, params }) => {
  return Response.json({ present: await listPresence({ agent, conversationId: params.id }) });
});

/** POST /api/conversations/:id/presence {clientId, state: viewing|typing|left} → { present } (heartbeat every 15 s). */
export const POST = withAgent<{ id: string }>(async (request, { agent, params }) => {
  const { clientId, state } = await readJson(request, presenceSchema);
  return Response.json({ present: await recordPresence({ agent, conversationId: params.id, clientId, state }) });
});
