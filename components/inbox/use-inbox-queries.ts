"use client";

// One hook per server resource of the inbox. The server page renders the first page of each into the
// cache (HydrationBoundary); these hooks keep them live. While the realtime stream is down they poll.
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { InboxViewState } from "@/lib/conversations/inbox-view";
import { inboxApi } from "./inbox-api";
import { inboxKeys } from "./query-keys";

/** Polling interval while realtime is not connected (the stream pushes changes when it is). */
const FALLBACK_POLL_MS = 15_000;

export function useConversationList(view: InboxViewState, live: boolean) {
  return useInfiniteQuery({
    queryKey: inboxKeys.list(view),
    queryFn: ({ pageParam, signal }) => inboxApi.list(view, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Deadlines move with time: Expiring soon is re-read every minute even while realtime is up.
    refetchInterval: !live ? FALLBACK_POLL_MS : view.folder === "expiring" || view.folder === "closed" ? 60_000 : false,
  });
}

export function useFolderCounts(filters: Pick<InboxViewState, "channelId" | "platform">, live: boolean) {
  return useQuery({
    queryKey: inboxKeys.folderCounts(filters),
    queryFn: ({ signal }) => inboxApi.folderCounts(filters, signal),
    refetchInterval: live ? 60_000 : FALLBACK_POLL_MS,
  });
}

export function useConversation(id: string | null, live: boolean) {
  return useQuery({
    queryKey: inboxKeys.conversation(id ?? ""),
    queryFn: ({ signal }) => inboxApi.conversation(id!, signal),
    enabled: id !== null,
    refetchInterval: live ? false : FALLBACK_POLL_MS,
    retry: (count, error) => (error as { status?: number }).status !== 404 && count < 1,
  });
}

export function useThreadMessages(id: string | null, live: boolean) {
  return useInfiniteQuery({
    queryKey: inboxKeys.thread(id ?? ""),
    queryFn: ({ pageParam, signal }) => inboxApi.thread(id!, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.olderCursor,
    enabled: id !== null,
    refetchInterval: live ? false : FALLBACK_POLL_MS,
    retry: (count, error) => (error as { status?: number }).status !== 404 && count < 1,
  });
}

export function useNotes(id: string | null) {
  return useQuery({
    queryKey: inboxKeys.notes(id ?? ""),
    queryFn: ({ signal }) => inboxApi.notes(id!, signal),
    enabled: id !== null,
    retry: (count, error) => (error as { status?: number }).status !== 404 && count < 1,
  });
}

export function useLabels() {
  return useQuery({ queryKey: inboxKeys.labels(), queryFn: ({ signal }) => inboxApi.labels(signal), staleTime: 60_000 });
}

export function useChannels() {
  return useQuery({ queryKey: inboxKeys.channels(), queryFn: ({ signal }) => inboxApi.channels(signal), staleTime: 5 * 60_000 });
}

export function useAssignableAgents(id: string, enabled: boolean) {
  return useQuery({ queryKey: inboxKeys.assignable(id), queryFn: ({ signal }) => inboxApi.assignable(id, signal), enabled, staleTime: 60_000 });
}
