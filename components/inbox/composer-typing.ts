"use client";

// Meta's typing indicator while an agent writes: best effort, at most one call per 5 s from this browser
// (the server throttles per conversation too), never an error the agent sees.
import { useCallback, useRef } from "react";
import { apiFetch } from "@/components/api-client";

const TYPING_EVERY_MS = 5_000;

export function useTypingSignal(conversationId: string, enabled: boolean) {
  const last = useRef(0);
  return useCallback(
    (text: string) => {
      const now = Date.now();
      if (!enabled || !text.trim() || now - last.current <= TYPING_EVERY_MS) return;
      last.current = now;
      void apiFetch(`/api/conversations/${encodeURIComponent(conversationId)}/typing`, { method: "POST" }).catch(() => {});
    },
    [conversationId, enabled],
  );
}
