// When the inbox raises its voice (components/inbox/use-inbox-alerts.ts). Pure.
import type { ConversationListItem } from "./conversation-view";

const TITLE_COUNT = /^\(\d+\) /;

/** "(3) Conversations · Inbox" while Mine + Unassigned hold unread conversations; the page's own title otherwise. */
export function titleWithCount(title: string, count: number): string {
  const base = title.replace(TITLE_COUNT, "");
  return count > 0 ? `(${count}) ${base}` : base;
}

/**
 * Whether a conversation refetched after a realtime event brings a new message from the person that the agent
 * should hear about: it is theirs or unassigned (Mine, Unassigned), and its unread count went up (or this
 * browser did not hold it before: `previousUnread` null).
 */
export function isNewMessageAlert(
  conversation: Pick<ConversationListItem, "unreadCount" | "lastMessageDirection" | "assignee">,
  previousUnread: number | null,
  agentId: string,
): boolean {
  if (conversation.lastMessageDirection !== "INBOUND" || conversation.unreadCount === 0) return false;
  if (conversation.assignee && conversation.assignee.id !== agentId) return false;
  return previousUnread === null || conversation.unreadCount > previousUnread;
}
