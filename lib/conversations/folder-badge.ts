// The number beside a folder and what it means, in words (tooltip and screen readers). Pure.
import type { FolderCounts } from "./count-unread-by-folder";
import type { InboxFolder } from "./inbox-folders";

/**
 * What a folder's badge counts, said in words (tooltip and screen readers): conversations with unread
 * messages — except Expiring soon, which counts every conversation in it, so its badge stays while any
 * deadline is near, read or not.
 */
export function folderBadge(folder: InboxFolder, counts: FolderCounts | undefined): { count: number; meaning: string } | null {
  if (!counts) return null;
  if (folder === "expiring") {
    const unread = counts.unread.expiring;
    if (counts.expiring === 0) return null;
    const conversations = `${counts.expiring} conversation${counts.expiring === 1 ? "" : "s"} whose reply window ends soon`;
    return { count: counts.expiring, meaning: unread > 0 ? `${conversations}, ${unread} unread` : conversations };
  }
  const unread = counts.unread[folder];
  if (unread === 0) return null;
  return { count: unread, meaning: `${unread} unread conversation${unread === 1 ? "" : "s"}` };
}
