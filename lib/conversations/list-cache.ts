// How the browser applies one changed conversation or message to the pages it holds, without refetching
// whole lists: a realtime event names what changed, the browser fetches that one conversation or message and
// places it with these functions. Placement follows the server's folder rules (inbox-folders.ts), so the
// list looks as if it had been reloaded. Pure.
import type { MessageView } from "@/lib/messages/message-view";
import type { ConversationListItem } from "./conversation-view";
import { compareInFolder, conversationInFolder, folderSortKey, type FolderFacts, type InboxFolder } from "./inbox-folders";

export interface ListPage {
  conversations: ConversationListItem[];
  nextCursor: string | null;
}

export interface ListView {
  folder: InboxFolder;
  channelId?: string | null;
  platform?: "MESSENGER" | "INSTAGRAM" | null;
  labelId?: string | null;
  q?: string | null;
}

export function folderFacts(c: ConversationListItem): FolderFacts {
  return {
    status: c.status,
    assigneeId: c.assignee?.id ?? null,
    platform: c.channel.platform,
    humanAgentEnabled: c.channel.humanAgentEnabled,
    lastInboundAt: c.lastInboundAt ? new Date(c.lastInboundAt) : null,
    lastInboundKind: c.lastInboundKind,
    lastMessageAt: c.lastMessageAt ? new Date(c.lastMessageAt) : null,
    lastMessageDirection: c.lastMessageDirection,
  };
}

export function isListed(pages: ListPage[], conversationId: string): boolean {
  return pages.some((p) => p.conversations.some((c) => c.id === conversationId));
}

/** Whether the view shows the conversation, as far as the browser can tell (search text aside). */
export function belongsToView(item: ConversationListItem, { view, agentId, now }: { view: ListView; agentId: string; now: Date }): boolean {
  return (
    (!view.channelId || item.channel.id === view.channelId) &&
    (!view.platform || item.channel.platform === view.platform) &&
    (!view.labelId || item.labelIds.includes(view.labelId)) &&
    conversationInFolder(folderFacts(item), view.folder, { agentId, now })
  );
}

/**
 * The pages after `conversationId` changed to `item` (null: it is gone or no longer visible to this agent).
 * It leaves the list when it no longer belongs to the view, moves to its place when it does, and is only
 * added where the loaded pages reach (past the last loaded row the next page will bring it). Search results
 * cannot be re-evaluated here (message text is on the server): a result is updated in place, never added.
 */
export function placeConversation(
  pages: ListPage[],
  conversationId: string,
  item: ConversationListItem | null,
  { view, agentId, now }: { view: ListView; agentId: string; now: Date },
): ListPage[] {
  const wasListed = isListed(pages, conversationId);
  const without = pages.map((p) => ({ ...p, conversations: p.conversations.filter((c) => c.id !== conversationId) }));
  if (!item) return wasListed ? without : pages;
  const belongs = belongsToView(item, { view, agentId, now }) && (!view.q || wasListed);
  if (!belongs) return wasListed ? without : pages;

  const key = (c: ConversationListItem) => ({ id: c.id, key: folderSortKey(folderFacts(c), view.folder, now) });
  const placed = key(item);
  const rows = without.flatMap((page, p) => page.conversations.map((c, i) => ({ p, i, c })));
  const before = rows.findIndex((row) => compareInFolder(placed, key(row.c), view.folder) < 0);
  const insert = (p: number, i: number) => {
    const page = without[p]!;
    without[p] = { ...page, conversations: [...page.conversations.slice(0, i), item, ...page.conversations.slice(i)] };
    return without;
  };
  if (before > 0) return insert(rows[before - 1]!.p, rows[before - 1]!.i + 1);
  if (before === 0) return insert(rows[0]!.p, 0);
  // It sorts after every loaded row: only a list loaded to its end can take it.
  const last = without.at(-1);
  if (!last) return [{ conversations: [item], nextCursor: null }];
  return last.nextCursor === null ? insert(without.length - 1, last.conversations.length) : without;
}

export interface ThreadPageData {
  messages: MessageView[];
  olderCursor: string | null;
}

const byTime = (a: MessageView, b: MessageView) => (a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The thread's pages (newest page first, each oldest-first) after a message was created or changed:
 * replaced where it is, or inserted in time order when it falls within the loaded range.
 */
export function upsertThreadMessage(pages: ThreadPageData[], message: MessageView): ThreadPageData[] {
  for (let p = 0; p < pages.length; p++) {
    const index = pages[p]!.messages.findIndex((m) => m.id === message.id);
    if (index >= 0) {
      const next = [...pages];
      const messages = [...next[p]!.messages];
      messages[index] = message;
      next[p] = { ...next[p]!, messages };
      return next;
    }
  }
  if (pages.length === 0) return [{ messages: [message], olderCursor: null }];
  // Find the page whose range holds it: pages run newest → oldest; a page's first message is its oldest.
  for (let p = 0; p < pages.length; p++) {
    const page = pages[p]!;
    const oldest = page.messages[0];
    const isOldestLoaded = p === pages.length - 1;
    if (!oldest || byTime(message, oldest) >= 0 || (isOldestLoaded && page.olderCursor === null)) {
      const next = [...pages];
      next[p] = { ...page, messages: [...page.messages, message].sort(byTime) };
      return next;
    }
  }
  // Older than everything loaded, with more history on the server: it arrives with that page.
  return pages;
}
