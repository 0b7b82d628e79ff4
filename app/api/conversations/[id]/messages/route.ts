import { readJson, readQuery, withAgent } from "@/lib/api/handler";
import { listConversationMessages } from "@/lib/conversations/list-conversation-messages";
import { sendAgentMessage } from "@/lib/send/send-agent-message";
import { threadPageQuerySchema } from "@/lib/validations/conversations";
import { idempotencyKeySchema, sendMessageSchema } from "@/lib/validations/messages";

/** GET /api/conversations/:id/messages?before=&limit= → { messages: MessageView[] (oldest first), olderCursor } */
export const GET = withAgent<{ id: string }>(async (request, { agent, params }) => {
  const { before, limit } = readQuery(request, threadPageQuerySchema);
  return Response.json(await listConversationMessages({ agent, conversationId: params.id, before, limit }));
});

/**
 * POST /api/conversations/:id/messages — header `Idempotency-Key` (8–200 chars), body sendMessageSchema.
 * 201 {message} new (SENT, PENDING or FAILED with `error`) · 200 {message} same key replayed · 409 same key,
 * different body · 422 window_closed {details: reason, deadline, stage, hoursSinceInbound, …} · 400 · 404.
 */
export const POST = withAgent<{ id: string }>(async (request, { agent, params }) => {
  const idempotencyKey = idempotencyKeySchema.parse(request.headers.get("idempotency-key") ?? undefined);
  const input = await readJson(request, sendMessageSchema);
  const { status, message } = await sendAgentMessage({ agent, conversationId: params.id, idempotencyKey, input });
  return Response.json({ message }, { status });
});
