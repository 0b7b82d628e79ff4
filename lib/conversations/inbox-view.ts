// The inbox view (folder, filters, search) as it lives in the URL's query string, so every view can be
// linked and reloaded. The browser reads it leniently (an unknown folder or a malformed id falls back to
// the default); the API validates the same fields strictly (lib/validations/conversations.ts). Pure.
import { isUuid } from "@/lib/validations/uuid";
import { DEFAULT_FOLDER, INBOX_FOLDERS, type InboxFolder } from "./inbox-folders";

export const PLATFORMS = ["MESSENGER", "INSTAGRAM"] as const;
export type PlatformFilter = (typeof PLATFORMS)[number];

/** Searches shorter than this match too much to be useful (and cannot use the trigram indexes). */
export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_MAX_LENGTH = 100;

export interface InboxViewState {
  folder: InboxFolder;
  channelId: string | null;
  platform: PlatformFilter | null;
  /** Only conversations with this label. */
  labelId?: string | null;
  q: string | null;
}

type Params = { get(name: string): string | null };

export function readInboxView(params: Params): InboxViewState {
  const folder = params.get("folder");
  const channelId = params.get("channel");
  const platform = params.get("platform")?.toUpperCase();
  const labelId = params.get("label");
  const q = params.get("q")?.trim().slice(0, SEARCH_MAX_LENGTH);
  return {
    folder: INBOX_FOLDERS.includes(folder as InboxFolder) ? (folder as InboxFolder) : DEFAULT_FOLDER,
    channelId: channelId && isUuid(channelId) ? channelId.toLowerCase() : null,
    platform: PLATFORMS.includes(platform as PlatformFilter) ? (platform as PlatformFilter) : null,
    labelId: labelId && isUuid(labelId) ? labelId.toLowerCase() : null,
    q: q && q.length >= SEARCH_MIN_LENGTH ? q : null,
  };
}

/** `?folder=…&channel=…&platform=…&q=…` without defaults (the default folder is left out only when nothing else is set). */
export function inboxViewSearch(view: InboxViewState): string {
  const params = new URLSearchParams();
  params.set("folder", view.folder);
  if (view.channelId) params.set("channel", view.channelId);
  if (view.platform) params.set("platform", view.platform.toLowerCase());
  if (view.labelId) params.set("label", view.labelId);
  if (view.q) params.set("q", view.q);
  return `?${params.toString()}`;
}

/** The same view as query parameters of GET /api/conversations. */
export function inboxViewApiParams(view: InboxViewState): URLSearchParams {
  const params = new URLSearchParams({ folder: view.folder });
  if (view.channelId) params.set("channelId", view.channelId);
  if (view.platform) params.set("platform", view.platform);
  if (view.labelId) params.set("labelId", view.labelId);
  if (view.q) params.set("q", view.q);
  return params;
}

export function inboxPath(conversationId: string | null, view: InboxViewState): string {
  return `/inbox${conversationId ? `/${conversationId}` : ""}${inboxViewSearch(view)}`;
}
