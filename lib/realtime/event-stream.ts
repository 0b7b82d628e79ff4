import "server-only";
import { accessibleChannelIds } from "@/lib/access/accessible-channel-ids";
import { currentAgentUncached, signedOutReason, type SessionAgent } from "@/lib/auth/session";
import type { RealtimeEvent } from "./events";
import { realtimeHub } from "./realtime-hub";

const HEARTBEAT_MS = 15_000;
/** How often the stream re-checks that the agent is still active and which channels they may see. */
export const STREAM_RECHECK_MS = 30_000;

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * A Server-Sent Events stream of the realtime events an agent may see: their account, and — for agents —
 * only their channels. Membership and the session are re-checked periodically, so a removed channel or a
 * deactivated agent stops receiving events without waiting for a reconnect.
 */
export function agentEventStream(agent: SessionAgent, abort: AbortSignal, options: { recheckMs?: number } = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let channels = await accessibleChannelIds(agent);
      let role = agent.role;
      let closed = false;
      const send = (chunk: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          close();
        }
      };
      const visible = (event: RealtimeEvent) =>
        event.accountId === agent.accountId &&
        (event.type === "access.changed"
          ? event.agentId === agent.id
          : // Admin notifications reach admins only, whatever channels others work on.
            event.type === "admin.notification"
            ? role === "ADMIN"
            : channels === null || channels.includes(event.channelId));
      const unsubscribe = realtimeHub.subscribe(
        (event) => {
          if (!visible(event)) return;
          if (event.type !== "access.changed") return send(frame(event.type, event));
          // The agent's channels, role or active flag changed: the stream follows at once (not at its next
          // re-check), then the browser refetches, so a newly assigned channel's conversations appear live.
          void recheck().then((open) => open && send(frame(event.type, event)));
        },
        // Events may have been missed while the database connection was down: tell the browser to refetch.
        () => send(frame("resync", {})),
      );
      const heartbeat = setInterval(() => send(`: keep-alive\n\n`), HEARTBEAT_MS);
      /** Re-reads the agent; a session that ended is told to the page (why: signed-out event) and closed. */
      async function recheck(): Promise<boolean> {
        const still = await currentAgentUncached(agent).catch(() => undefined);
        if (still === undefined) return true; // database unreachable: keep the stream, try again later
        if (!still) {
          send(frame("signed-out", { reason: await signedOutReason(agent.id).catch(() => "ended") }));
          close();
          return false;
        }
        role = still.role;
        channels = await accessibleChannelIds(still).catch(() => channels);
        return true;
      }
      const rechecking = setInterval(() => void recheck(), options.recheckMs ?? STREAM_RECHECK_MS);
      function close() {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        clearInterval(rechecking);
        unsubscribe();
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      }
      cleanup = close;
      abort.addEventListener("abort", close, { once: true });
      send(`retry: 2000\n\n`);
      send(frame("ready", { at: new Date().toISOString() }));
    },
    cancel() {
      cleanup();
    },
  });
}
