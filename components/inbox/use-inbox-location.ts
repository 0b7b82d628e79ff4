"use client";

// Which conversation is open and which view is shown both live in the URL (/inbox/<id>?folder=…), so every
// state can be linked and survives a reload. Moving between conversations and views only rewrites the URL
// (history.pushState, which Next's router follows): React Query already holds or fetches the data.
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { inboxPath, readInboxView, type InboxViewState } from "@/lib/conversations/inbox-view";

export function useInboxLocation() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const search = searchParams.toString();
  const conversationId = /^\/inbox\/([^/]+)$/.exec(pathname)?.[1] ?? null;
  const view = useMemo(() => readInboxView(new URLSearchParams(search)), [search]);

  const navigate = useCallback(
    (next: { conversationId?: string | null; view?: Partial<InboxViewState> }, options: { replace?: boolean } = {}) => {
      const url = inboxPath(next.conversationId === undefined ? conversationId : next.conversationId, { ...view, ...next.view });
      if (url === window.location.pathname + window.location.search) return;
      window.history[options.replace ? "replaceState" : "pushState"](null, "", url);
    },
    [conversationId, view],
  );

  return { conversationId, view, navigate };
}
