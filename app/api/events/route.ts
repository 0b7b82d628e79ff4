import { withAgent } from "@/lib/api/handler";
import { agentEventStream } from "@/lib/realtime/event-stream";

export const dynamic = "force-dynamic";

/** Server-Sent Events: every realtime event the signed-in agent may see (lib/realtime/events.ts). */
export const GET = withAgent(async (request, { agent }) => {
  return new Response(agentEventStream(agent, request.signal), {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
});
