// Query keys of the inbox's server data, one resource each. Lists are keyed by the whole view so that each
// folder/filter/search combination keeps its own pages.
import type { InboxViewState } from "@/lib/conversations/inbox-view";

export const inboxKeys = {
  root: ["inbox"] as const,
  lists: () => ["inbox", "list"] as const,
  list: (view: InboxViewState) => ["inbox", "list", view.folder, view.channelId ?? "", view.platform ?? "", view.q ?? "", view.labelId ?? ""] as const,
  folderCounts: (filters: Pick<InboxViewState, "channelId" | "platform">) =>
    ["inbox", "folder-counts", filters.channelId ?? "", filters.platform ?? ""] as const,
  folderCountsAll: () => ["inbox", "folder-counts"] as const,
  conversation: (id: string) => ["inbox", "conversation", id] as const,
  thread: (id: string) => ["inbox", "thread", id] as const,
  notes: (id: string) => ["inbox", "notes", id] as const,
  assignable: (id: string) => ["inbox", "assignable", id] as const,
  channels: () => ["inbox", "channels"] as const,
  presence: (id: string) => ["inbox", "presence", id] as const,
  preferences: () => ["me", "preferences"] as const,
  labels: () => ["inbox", "labels"] as const,
};

/** Reads a list key back into its view (realtime placement needs the view of every cached list). */
export function viewOfListKey(key: readonly unknown[]): InboxViewState | null {
  if (key[0] !== "inbox" || key[1] !== "list") return null;
  return {
    folder: key[2] as InboxViewState["folder"],
    channelId: (key[3] as string) || null,
    platform: ((key[4] as string) || null) as InboxViewState["platform"],
    q: (key[5] as string) || null,
    labelId: (key[6] as string) || null,
  };
}
