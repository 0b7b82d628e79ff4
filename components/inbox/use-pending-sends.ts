"use client";

// The composer's outbox: a reply appears in the thread the moment Enter is pressed, with the
// Idempotency-Key it is sent under, and settles when the send API answers (sent, or failed with Meta's
// reason). A send that never reached the server stays here with a Retry that reuses the same key, so the
// message can never go out twice. Kept outside React Query: refetching a thread must not drop it.
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useCallback, useSyncExternalStore } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import type { PendingSend } from "@/lib/conversations/thread-items";
import type { ReplyCollisionDetails } from "@/lib/error-codes";
import type { MessageView } from "@/lib/messages/message-view";
import { applyMessage } from "./inbox-cache";

let sends: PendingSend[] = [];
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
const EMPTY: PendingSend[] = [];
const byConversation = new Map<string, PendingSend[]>();

function setSends(next: PendingSend[]) {
  sends = next;
  byConversation.clear();
  emit();
}

function pendingOf(conversationId: string): PendingSend[] {
  let list = byConversation.get(conversationId);
  if (!list) {
    list = sends.filter((s) => s.conversationId === conversationId);
    byConversation.set(conversationId, list.length ? list : EMPTY);
  }
  return list.length ? list : EMPTY;
}

export function usePendingSends(conversationId: string | null): PendingSend[] {
  return useSyncExternalStore(
    subscribe,
    () => (conversationId ? pendingOf(conversationId) : EMPTY),
    () => EMPTY,
  );
}

export type SendOutcome =
  | { ok: true; message: MessageView }
  /** Refused by the window policy (422): nothing was sent. */
  | { ok: false; kind: "blocked"; message: string; reason: string | null }
  /** Someone else replied after what the agent had seen (409 reply_collision): nothing was sent. */
  | { ok: false; kind: "collision"; message: string; collision: ReplyCollisionDetails }
  /** Refused as invalid (400/404/409…): nothing was sent. */
  | { ok: false; kind: "refused"; message: string; field?: string }
  /** Did not reach the server or the server failed: kept in the outbox with Retry. */
  | { ok: false; kind: "unsent"; message: string };

async function deliver(queryClient: QueryClient, send: PendingSend): Promise<SendOutcome> {
  setSends(sends.map((s) => (s.key === send.key ? { ...s, state: "sending", error: null } : s)));
  let message: MessageView;
  try {
    ({ message } = await apiFetch<{ message: MessageView }>(`/api/conversations/${encodeURIComponent(send.conversationId)}/messages`, {
      method: "POST",
      headers: { "Idempotency-Key": send.key },
      json: {
        ...(send.text ? { text: send.text } : {}),
        ...(send.attachments.length ? { attachments: send.attachments.map((a) => ({ uploadId: a.uploadId })) } : {}),
        ...(send.replyToMessageId ? { replyToMessageId: send.replyToMessageId } : {}),
        ...(send.seenUpTo ? { seenUpTo: send.seenUpTo } : {}),
        ...(send.savedReplyId ? { savedReplyId: send.savedReplyId } : {}),
      },
    }));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.code === "network") return keepForRetry(send, "Not sent: no connection to the server. Retry sends it once it is back (never twice).");
    if (error.status >= 500 || error.code === "rate_limited") {
      return keepForRetry(send, error.status >= 500 ? "Not sent: the server could not take the message. Retry sends it again (never twice)." : error.message);
    }
    setSends(sends.filter((s) => s.key !== send.key));
    if (error.code === "reply_collision") {
      return { ok: false, kind: "collision", message: error.message, collision: error.details as unknown as ReplyCollisionDetails };
    }
    if (error.code === "window_closed") {
      const reason = typeof error.details?.reason === "string" ? error.details.reason : null;
      return { ok: false, kind: "blocked", message: error.message, reason };
    }
    return { ok: false, kind: "refused", message: error.message, ...(error.fieldError("savedReplyId") ? { field: "savedReplyId" } : {}) };
  }
  applyMessage(queryClient, message);
  setSends(sends.filter((s) => s.key !== send.key));
  return { ok: true, message };
}

function keepForRetry(send: PendingSend, error: string): SendOutcome {
  setSends(sends.map((s) => (s.key === send.key ? { ...s, state: "failed", error } : s)));
  return { ok: false, kind: "unsent", message: error };
}

export function useSendMessage() {
  const queryClient = useQueryClient();
  const send = useCallback(
    (input: Omit<PendingSend, "key" | "createdAt" | "state" | "error">) => {
      const pending: PendingSend = { ...input, key: crypto.randomUUID(), createdAt: new Date().toISOString(), state: "sending", error: null };
      setSends([...sends, pending]);
      return deliver(queryClient, pending);
    },
    [queryClient],
  );
  const retry = useCallback(
    (key: string) => {
      const pending = sends.find((s) => s.key === key);
      return pending ? deliver(queryClient, pending) : Promise.resolve(null);
    },
    [queryClient],
  );
  const discard = useCallback((key: string) => setSends(sends.filter((s) => s.key !== key)), []);
  return { send, retry, discard };
}
