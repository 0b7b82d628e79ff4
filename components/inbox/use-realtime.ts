"use client";

// The realtime stream (/api/events, Server-Sent Events; each message is one RealtimeEvent, named by its
// type). Events say what changed; this hook fetches that one conversation, message or note and places it
// in the cache (inbox-cache.ts), so a new message shows in the list and the open thread without a reload.
// The tab's one stream (components/realtime/event-stream.ts) reconnects with backoff; after a gap everything
// visible is refetched, since events were missed.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { ApiError } from "@/components/api-client";
import { subscribeToEventStream } from "@/components/realtime/event-stream";
import type { RealtimeEvent } from "@/lib/realtime/events";
import type { ConversationDetail } from "@/lib/conversations/conversation-view";
import { applyConversation, applyMessage, applyNote, findListedConversation } from "./inbox-cache";
import { inboxApi } from "./inbox-api";
import { inboxKeys } from "./query-keys";

const EVENT_TYPES: RealtimeEvent["type"][] = ["conversation.updated", "message.upserted", "note.added", "channel.updated", "presence.changed", "access.changed"];
/** Events about the same conversation within this window are fetched once. */
const COALESCE_MS = 40;
const COUNTS_DEBOUNCE_MS = 1_000;

/** A conversation refetched after an event, with its unread count before (null: this browser did not hold it). */
export type ConversationChanged = (conversation: ConversationDetail, previousUnread: number | null) => void;

export function useInboxRealtime({ agentId, onConversationChanged }: { agentId: string; onConversationChanged?: ConversationChanged }) {
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);
  const callback = useRef(onConversationChanged);
  useEffect(() => {
    callback.current = onConversationChanged;
  }, [onConversationChanged]);

  useEffect(() => {
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    let countsTimer: ReturnType<typeof setTimeout> | undefined;
    const conversations = new Set<string>();
    const messages = new Map<string, string>();
    // Refetches of one conversation (or message) can overlap; only the latest request's answer is applied,
    // or an older answer arriving last would overwrite newer data (e.g. the preview of a message sent before).
    const latestRequest = new Map<string, number>();
    let requests = 0;
    const fetchLatest = async <T,>(key: string, fetcher: () => Promise<T>): Promise<{ value: T; latest: boolean }> => {
      const request = ++requests;
      latestRequest.set(key, request);
      const value = await fetcher();
      return { value, latest: latestRequest.get(key) === request };
    };

    const refreshCounts = () => {
      clearTimeout(countsTimer);
      countsTimer = setTimeout(() => void queryClient.invalidateQueries({ queryKey: inboxKeys.folderCountsAll(), refetchType: "active" }), COUNTS_DEBOUNCE_MS);
    };

    const flush = async () => {
      const ids = [...conversations];
      const changed = [...messages];
      conversations.clear();
      messages.clear();
      await Promise.all([
        ...ids.map(async (id) => {
          try {
            const { value: conversation, latest } = await fetchLatest(`conversation:${id}`, () => inboxApi.conversation(id));
            if (!latest) return;
            const before = queryClient.getQueryData<ConversationDetail>(inboxKeys.conversation(id)) ?? findListedConversation(queryClient, id);
            applyConversation(queryClient, id, conversation, agentId);
            callback.current?.(conversation, before ? before.unreadCount : null);
          } catch (error) {
            if (error instanceof ApiError && error.status === 404) applyConversation(queryClient, id, null, agentId);
          }
        }),
        ...changed.map(async ([messageId, conversationId]) => {
          // Only threads the browser holds need the message; others load it when opened.
          if (!queryClient.getQueryData(inboxKeys.thread(conversationId))) return;
          try {
            const { value: message, latest } = await fetchLatest(`message:${messageId}`, () => inboxApi.message(conversationId, messageId));
            if (latest) applyMessage(queryClient, message);
          } catch {
            void queryClient.invalidateQueries({ queryKey: inboxKeys.thread(conversationId) });
          }
        }),
      ]);
    };

    const handle = (event: RealtimeEvent) => {
      switch (event.type) {
        case "conversation.updated":
          conversations.add(event.conversationId);
          refreshCounts();
          break;
        case "message.upserted":
          messages.set(event.messageId, event.conversationId);
          // The list row (preview, time, unread) changes with every message.
          conversations.add(event.conversationId);
          refreshCounts();
          break;
        case "note.added":
          if (queryClient.getQueryData(inboxKeys.notes(event.conversationId))) {
            void inboxApi.note(event.conversationId, event.noteId).then((note) => applyNote(queryClient, note), () => {});
          }
          return;
        case "channel.updated":
          // The open composer follows the channel list (use-live-channel.ts); the rows carry the channel's
          // Human Agent feature too, and which folder a conversation is in depends on it (Closed window), so
          // the visible lists and counts are read again.
          void queryClient.invalidateQueries({ queryKey: inboxKeys.channels() });
          void queryClient.invalidateQueries({ queryKey: inboxKeys.lists(), refetchType: "active" });
          refreshCounts();
          return;
        case "presence.changed":
          void queryClient.invalidateQueries({ queryKey: inboxKeys.presence(event.conversationId), refetchType: "active" });
          return;
        case "access.changed":
          // Channels added or removed for this agent: every list, count and channel filter is refetched.
          void queryClient.invalidateQueries({ queryKey: inboxKeys.root, refetchType: "active" });
          return;
      }
      clearTimeout(flushTimer);
      flushTimer = setTimeout(() => void flush(), COALESCE_MS);
    };

    const onMessage = (data: string) => {
      try {
        handle(JSON.parse(data) as RealtimeEvent);
      } catch {
        // Not an event of ours: ignore.
      }
    };

    const unsubscribe = subscribeToEventStream({
      events: Object.fromEntries(EVENT_TYPES.map((type) => [type, onMessage])),
      onOpen: (afterGap) => {
        if (afterGap) void queryClient.invalidateQueries({ queryKey: inboxKeys.root, refetchType: "active" });
      },
      onConnectionChange: setConnected,
    });
    return () => {
      unsubscribe();
      clearTimeout(flushTimer);
      clearTimeout(countsTimer);
    };
  }, [queryClient, agentId]);

  return { connected };
}
