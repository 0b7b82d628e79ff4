"use client";

// The agent's changes to a conversation. Each answer updates the conversation wherever the browser shows it
// (inbox-cache.ts) — the same path realtime events take — and the folder counts.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ConversationDetail } from "@/lib/conversations/conversation-view";
import { applyConversation, applyMessage, applyNote, patchConversation } from "./inbox-cache";
import { inboxApi, type StatusChange } from "./inbox-api";
import { inboxKeys } from "./query-keys";

export function useConversationActions(conversationId: string, agentId: string) {
  const queryClient = useQueryClient();
  const refreshCounts = () => void queryClient.invalidateQueries({ queryKey: inboxKeys.folderCountsAll() });
  const changed = (conversation: ConversationDetail) => {
    applyConversation(queryClient, conversationId, conversation, agentId);
    refreshCounts();
  };
  const status = useMutation({ mutationFn: (change: StatusChange) => inboxApi.setStatus(conversationId, change), onSuccess: changed });
  const assign = useMutation({ mutationFn: (assigneeId: string | null) => inboxApi.setAssignee(conversationId, assigneeId), onSuccess: changed });
  const markUnread = useMutation({
    mutationFn: () => inboxApi.markUnread(conversationId),
    onSuccess: ({ unreadCount }) => {
      patchConversation(queryClient, conversationId, { unreadCount });
      refreshCounts();
    },
  });
  const markRead = useMutation({
    mutationFn: () => inboxApi.markRead(conversationId),
    onMutate: () => patchConversation(queryClient, conversationId, { unreadCount: 0 }),
    onSettled: refreshCounts,
  });
  const addNote = useMutation({ mutationFn: (body: string) => inboxApi.addNote(conversationId, body), onSuccess: (note) => applyNote(queryClient, note) });
  const retryMessage = useMutation({
    mutationFn: (messageId: string) => inboxApi.retryMessage(messageId),
    onSuccess: (message) => applyMessage(queryClient, message),
  });
  return { status, assign, markUnread, markRead, addNote, retryMessage };
}
