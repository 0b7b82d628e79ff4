"use client";

// This tab's presence in the open conversation, and who else is there (lib/presence). The tab heartbeats
// every 15 s (the answer refreshes the list, so a teammate whose tab vanished drops out within a TTL);
// `typing()` marks it typing while keys are pressed and back to viewing 4 s after the last one; leaving the
// thread or the page says goodbye. Others' changes arrive as realtime `presence.changed` (use-realtime.ts
// invalidates the query) — whichever app instance they went through.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import { apiFetch } from "@/components/api-client";
import { PRESENCE_HEARTBEAT_MS, type PresentAgent } from "@/lib/presence/presence-view";
import { inboxKeys } from "./query-keys";

const TYPING_IDLE_MS = 4_000;
const TYPING_RENEW_MS = 3_000;

let tabId: string | null = null;
/** One id per browser tab (not stored: a reload is a new tab as far as presence goes). */
const clientId = () => (tabId ??= crypto.randomUUID());

const enc = encodeURIComponent;
type State = "viewing" | "typing" | "left";

function post(conversationId: string, state: State) {
  return apiFetch<{ present: PresentAgent[] }>(`/api/conversations/${enc(conversationId)}/presence`, {
    method: "POST",
    json: { clientId: clientId(), state },
  }).then((r) => r.present);
}

export function usePresence(conversationId: string) {
  const queryClient = useQueryClient();
  const present = useQuery({
    queryKey: inboxKeys.presence(conversationId),
    queryFn: ({ signal }) => apiFetch<{ present: PresentAgent[] }>(`/api/conversations/${enc(conversationId)}/presence`, { signal }).then((r) => r.present),
    staleTime: Infinity,
  });
  const state = useRef<State>("viewing");
  const lastTypingPost = useRef(0);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const beat = useCallback(
    (next: State) => {
      state.current = next;
      void post(conversationId, next).then(
        (list) => queryClient.setQueryData(inboxKeys.presence(conversationId), list),
        () => {},
      );
    },
    [conversationId, queryClient],
  );

  useEffect(() => {
    beat("viewing");
    const heartbeat = setInterval(() => beat(state.current === "typing" ? "typing" : "viewing"), PRESENCE_HEARTBEAT_MS);
    // The goodbye outlives the page (keepalive) and is plain fetch: whatever it answers, nothing may run on the
    // way out (apiFetch would redirect a 401 to the sign-in page over the one the session's end chose).
    const leave = () =>
      void fetch(`/api/conversations/${enc(conversationId)}/presence`, {
        method: "POST",
        keepalive: true,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ clientId: clientId(), state: "left" }),
      }).catch(() => {});
    window.addEventListener("pagehide", leave);
    return () => {
      clearInterval(heartbeat);
      clearTimeout(idleTimer.current);
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [conversationId, beat]);

  /** A key was pressed in the composer. */
  const typing = useCallback(() => {
    const now = Date.now();
    if (state.current !== "typing" || now - lastTypingPost.current > TYPING_RENEW_MS) {
      lastTypingPost.current = now;
      beat("typing");
    }
    clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(() => beat("viewing"), TYPING_IDLE_MS);
  }, [beat]);

  /** The reply went (or the draft was emptied): no longer typing. */
  const stopTyping = useCallback(() => {
    clearTimeout(idleTimer.current);
    if (state.current === "typing") beat("viewing");
  }, [beat]);

  return { present: present.data ?? [], typing, stopTyping };
}
