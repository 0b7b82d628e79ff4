// Applying one changed conversation, message or note to everything the browser holds (realtime events and
// the agent's own actions go through here, so both update the screen the same way).
import type { InfiniteData, QueryClient } from "@tanstack/react-query";
import type { ConversationDetail, ConversationListItem } from "@/lib/conversations/conversation-view";
import { belongsToView, isListed, placeConversation, upsertThreadMessage, type ListPage, type ThreadPageData } from "@/lib/conversations/list-cache";
import type { MessageView } from "@/lib/messages/message-view";
import type { NoteView } from "@/lib/notes/note-view";
import { inboxKeys, viewOfListKey } from "./query-keys";

/** A changed conversation (null: gone or no longer visible) into its detail and every cached list. */
export function applyConversation(
  queryClient: QueryClient,
  conversationId: string,
  conversation: ConversationDetail | null,
  agentId: string,
): void {
  if (conversation) queryClient.setQueryData(inboxKeys.conversation(conversationId), conversation);
  const now = new Date();
  for (const query of queryClient.getQueryCache().findAll({ queryKey: inboxKeys.lists() })) {
    const view = viewOfListKey(query.queryKey);
    if (!view) continue;
    const data = queryClient.getQueryData<InfiniteData<ListPage, string | null>>(query.queryKey);
    if (!data) continue;
    // "Before closing" depends on the business hours, which only the server applies: ask it again.
    if (view.folder === "closing") {
      void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
      continue;
    }
    if (view.q && conversation && !isListed(data.pages, conversationId) && belongsToView(conversation, { view, agentId, now })) {
      // A search result can only be judged by the server (message text): ask it again.
      void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
      continue;
    }
    queryClient.setQueryData<InfiniteData<ListPage, string | null>>(query.queryKey, {
      ...data,
      pages: placeConversation(data.pages, conversationId, conversation, { view, agentId, now }),
    });
  }
}

/** Updates a few fields of a conversation wherever it is shown, without moving it (e.g. its unread count). */
export function patchConversation(queryClient: QueryClient, conversationId: string, patch: Partial<Omit<ConversationListItem, "channel" | "contact">>): void {
  queryClient.setQueryData<ConversationDetail>(inboxKeys.conversation(conversationId), (c) => (c ? { ...c, ...patch } : c));
  queryClient.setQueriesData<InfiniteData<ListPage, string | null>>({ queryKey: inboxKeys.lists() }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            conversations: page.conversations.map((c) => (c.id === conversationId ? { ...c, ...patch } : c)),
          })),
        }
      : data,
  );
}

export function findListedConversation(queryClient: QueryClient, conversationId: string): ConversationListItem | undefined {
  for (const [, data] of queryClient.getQueriesData<InfiniteData<ListPage, string | null>>({ queryKey: inboxKeys.lists() })) {
    for (const page of data?.pages ?? []) {
      const found = page.conversations.find((c) => c.id === conversationId);
      if (found) return found;
    }
  }
  return undefined;
}

export function applyMessage(queryClient: QueryClient, message: MessageView): void {
  queryClient.setQueryData<InfiniteData<ThreadPageData, string | null>>(inboxKeys.thread(message.conversationId), (data) =>
    data ? { ...data, pages: upsertThreadMessage(data.pages, message) } : data,
  );
}

export function applyNote(queryClient: QueryClient, note: NoteView): void {
  queryClient.setQueryData<NoteView[]>(inboxKeys.notes(note.conversationId), (notes) =>
    notes && !notes.some((n) => n.id === note.id) ? [...notes, note] : notes,
  );
}
