import { withAgent } from "@/lib/api/handler";
import { sendTypingOn } from "@/lib/send/send-typing-on";

/** POST /api/conversations/:id/typing → 202 {typing: "queued" | "throttled"}; Meta is called in the background. */
export const POST = withAgent<{ id: string }>(async (_request, { agent, params }) => {
  const { typing } = await sendTypingOn({ agent, conversationId: params.id });
  return Response.json({ typing }, { status: 202 });
});
