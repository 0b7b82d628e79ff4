// The inbox's calls to our API (see app/api/conversations/**). Errors arrive as ApiError.
import { apiFetch } from "@/components/api-client";
import type { ChannelSummary } from "@/lib/channels/list-channels";
import type { AssignableAgent } from "@/lib/conversations/list-assignable-agents";
import type { ConversationDetail } from "@/lib/conversations/conversation-view";
import type { FolderCounts } from "@/lib/conversations/count-unread-by-folder";
import { inboxViewApiParams, type InboxViewState } from "@/lib/conversations/inbox-view";
import type { ListPage, ThreadPageData } from "@/lib/conversations/list-cache";
import type { MessageView } from "@/lib/messages/message-view";
import type { NoteView } from "@/lib/notes/note-view";
import type { LabelView } from "@/lib/labels/label-view";
import type { BulkOutcome } from "@/lib/conversations/run-bulk-action";
import type { BulkActionRequest } from "@/lib/validations/labels";

const enc = encodeURIComponent;

export type StatusChange = { status: "OPEN" } | { status: "RESOLVED" } | { status: "SNOOZED"; snoozedUntil: string };

export const inboxApi = {
  list(view: InboxViewState, cursor: string | null, signal?: AbortSignal) {
    const params = inboxViewApiParams(view);
    if (cursor) params.set("cursor", cursor);
    return apiFetch<ListPage>(`/api/conversations?${params}`, { signal });
  },
  folderCounts(filters: Pick<InboxViewState, "channelId" | "platform">, signal?: AbortSignal) {
    const params = new URLSearchParams();
    if (filters.channelId) params.set("channelId", filters.channelId);
    if (filters.platform) params.set("platform", filters.platform);
    return apiFetch<FolderCounts>(`/api/conversations/folders?${params}`, { signal });
  },
  conversation(id: string, signal?: AbortSignal) {
    return apiFetch<{ conversation: ConversationDetail }>(`/api/conversations/${enc(id)}`, { signal }).then((r) => r.conversation);
  },
  thread(id: string, before: string | null, signal?: AbortSignal) {
    return apiFetch<ThreadPageData>(`/api/conversations/${enc(id)}/messages${before ? `?before=${enc(before)}` : ""}`, { signal });
  },
  message(conversationId: string, messageId: string) {
    return apiFetch<{ message: MessageView }>(`/api/conversations/${enc(conversationId)}/messages/${enc(messageId)}`).then((r) => r.message);
  },
  notes(id: string, signal?: AbortSignal) {
    return apiFetch<{ notes: NoteView[] }>(`/api/conversations/${enc(id)}/notes`, { signal }).then((r) => r.notes);
  },
  note(conversationId: string, noteId: string) {
    return apiFetch<{ note: NoteView }>(`/api/conversations/${enc(conversationId)}/notes/${enc(noteId)}`).then((r) => r.note);
  },
  addNote(id: string, body: string) {
    return apiFetch<{ note: NoteView }>(`/api/conversations/${enc(id)}/notes`, { method: "POST", json: { body } }).then((r) => r.note);
  },
  assignable(id: string, signal?: AbortSignal) {
    return apiFetch<{ agents: AssignableAgent[] }>(`/api/conversations/${enc(id)}/assignable-agents`, { signal }).then((r) => r.agents);
  },
  setStatus(id: string, change: StatusChange) {
    return apiFetch<{ conversation: ConversationDetail }>(`/api/conversations/${enc(id)}/status`, { method: "PUT", json: change }).then(
      (r) => r.conversation,
    );
  },
  setAssignee(id: string, assigneeId: string | null) {
    return apiFetch<{ conversation: ConversationDetail }>(`/api/conversations/${enc(id)}/assignee`, { method: "PUT", json: { assigneeId } }).then(
      (r) => r.conversation,
    );
  },
  markRead(id: string) {
    return apiFetch<{ unreadCount: number }>(`/api/conversations/${enc(id)}/read`, { method: "POST" });
  },
  markUnread(id: string) {
    return apiFetch<{ unreadCount: number }>(`/api/conversations/${enc(id)}/unread`, { method: "POST" });
  },
  retryMessage(messageId: string) {
    return apiFetch<{ message: MessageView }>(`/api/messages/${enc(messageId)}/retry`, { method: "POST" }).then((r) => r.message);
  },
  labels(signal?: AbortSignal) {
    return apiFetch<{ labels: LabelView[] }>("/api/labels", { signal }).then((r) => r.labels);
  },
  setLabels(id: string, labelIds: string[]) {
    return apiFetch<{ labelIds: string[] }>(`/api/conversations/${enc(id)}/labels`, { method: "PUT", json: { labelIds } });
  },
  bulk(conversationIds: string[], action: BulkActionRequest) {
    return apiFetch<{ results: BulkOutcome[] }>("/api/conversations/bulk", { method: "POST", json: { conversationIds, action } }).then((r) => r.results);
  },
  channels(signal?: AbortSignal) {
    return apiFetch<{ channels: ChannelSummary[] }>("/api/channels", { signal }).then((r) => r.channels);
  },
};
