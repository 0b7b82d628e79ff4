"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, type KeyboardEvent, type RefObject } from "react";
import { LoadError } from "@/components/ui/load-error";
import type { ConversationListItem } from "@/lib/conversations/conversation-view";
import { FOLDER_LABEL, type InboxFolder } from "@/lib/conversations/inbox-folders";
import type { LabelView } from "@/lib/labels/label-view";
import { ConversationRow, optionId, ROW_HEIGHT } from "./conversation-row";

/** Selection mode of the list (bulk actions): the listbox becomes multi-select and a click toggles a row. */
export interface BulkSelection {
  ids: ReadonlySet<string>;
  toggle: (id: string) => void;
}

const EMPTY_TEXT: Record<InboxFolder, string> = {
  mine: "Nothing is assigned to you. Pick up conversations from Unassigned.",
  unassigned: "Every open conversation has someone on it.",
  all: "No open conversations.",
  expiring: "No reply window is about to close.",
  closing: "No waiting conversation's window ends before the team reopens.",
  closed: "No open conversation is past the 7-day window.",
  snoozed: "No snoozed conversations.",
  resolved: "No resolved conversations yet.",
};

/**
 * The conversation list: a listbox (the open conversation is aria-selected; the keyboard cursor is its
 * active descendant), virtualized so only the rows in view exist in the page, paging in keyset pages as the
 * agent scrolls. Stays smooth at any length.
 */
export function ConversationList({
  listboxRef,
  conversations,
  folder,
  searching,
  openId,
  activeId,
  keyboardActive,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
  status,
  onRetry,
  onOpen,
  onMove,
  timeZone,
  currentAgentId,
  labels,
  selection = null,
}: {
  listboxRef: RefObject<HTMLDivElement | null>;
  conversations: ConversationListItem[];
  folder: InboxFolder;
  searching: boolean;
  openId: string | null;
  activeId: string | null;
  keyboardActive: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
  status: "pending" | "error" | "success";
  onRetry: () => void;
  onOpen: (id: string) => void;
  onMove: (delta: number | "first" | "last") => void;
  timeZone: string;
  currentAgentId: string;
  labels: Map<string, LabelView>;
  selection?: BulkSelection | null;
}) {
  // TanStack Virtual manages its own state outside React's compiler model; this component opts out of memoization by design.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: conversations.length,
    getScrollElement: () => listboxRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => conversations[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= conversations.length - 10) fetchNextPage();
  }, [lastIndex, conversations.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const activeIndex = activeId ? conversations.findIndex((c) => c.id === activeId) : -1;
  useEffect(() => {
    if (activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: "auto" });
  }, [activeIndex, virtualizer]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number | "first" | "last"> = { ArrowDown: 1, ArrowUp: -1, Home: "first", End: "last", PageDown: 8, PageUp: -8 };
    const move = moves[event.key];
    if (move !== undefined) {
      event.preventDefault();
      onMove(move);
    } else if (selection && (event.key === " " || event.key === "Enter") && activeId) {
      event.preventDefault();
      selection.toggle(activeId);
    } else if (event.key === "Enter" && activeId) {
      event.preventDefault();
      onOpen(activeId);
    }
  };

  const setSize = hasNextPage ? -1 : conversations.length;
  const activeDescendant = activeIndex >= 0 ? optionId(activeId!) : openId && conversations.some((c) => c.id === openId) ? optionId(openId) : undefined;

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <div
        ref={listboxRef}
        role="listbox"
        tabIndex={0}
        aria-label={`${FOLDER_LABEL[folder]} conversations${searching ? ", search results" : ""}`}
        aria-activedescendant={activeDescendant}
        aria-multiselectable={selection ? true : undefined}
        aria-busy={status === "pending" || isFetchingNextPage}
        onKeyDown={onKeyDown}
        className="min-h-0 flex-1 overflow-y-auto outline-none focus-visible:ring-2 focus-visible:ring-brand focus-visible:ring-inset"
      >
        <div role="presentation" className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const c = conversations[item.index]!;
            return (
              <ConversationRow
                key={c.id}
                conversation={c}
                selected={selection ? selection.ids.has(c.id) : c.id === openId}
                keyboardActive={keyboardActive && c.id === activeId}
                position={item.index + 1}
                setSize={setSize}
                timeZone={timeZone}
                currentAgentId={currentAgentId}
                style={{ height: item.size, transform: `translateY(${item.start}px)` }}
                onOpen={selection ? selection.toggle : onOpen}
                labels={labels}
                checked={selection ? selection.ids.has(c.id) : undefined}
              />
            );
          })}
        </div>
      </div>
      {status === "pending" && conversations.length === 0 ? (
        <p className="absolute inset-x-0 top-6 text-center text-sm text-slate-500" role="status">
          Loading conversations…
        </p>
      ) : null}
      {status === "error" && conversations.length === 0 ? (
        <LoadError className="absolute inset-x-0 top-6 px-6" message="The conversations could not be loaded." onRetry={onRetry} />
      ) : null}
      {status === "success" && conversations.length === 0 ? (
        <p className="absolute inset-x-0 top-6 px-6 text-center text-sm text-slate-500" role="status">
          {searching ? "No conversation matches this search." : EMPTY_TEXT[folder]}
        </p>
      ) : null}
      <p className="shrink-0 border-t border-slate-100 bg-white px-3 py-1.5 text-xs text-slate-500" aria-live="polite">
        {isFetchingNextPage
          ? "Loading more…"
          : conversations.length > 0
            ? `${conversations.length.toLocaleString("en-GB")}${hasNextPage ? "+" : ""} conversation${conversations.length === 1 ? "" : "s"}`
            : " "}
      </p>
    </div>
  );
}
