"use client";

// The inbox: folders | conversation list | thread with contact panel. The URL holds the open conversation
// and the view; React Query holds the data (first pages rendered by the server); the realtime stream keeps
// it live; one clock ticks every countdown; keyboard shortcuts drive it without a mouse.
import { earliestSnoozeWindow, snoozeFacts, snoozeWindow } from "@/lib/conversations/snooze-options";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import type { InboxFolder } from "@/lib/conversations/inbox-folders";
import type { InboxViewState } from "@/lib/conversations/inbox-view";
import { BulkBar } from "./bulk-bar";
import { ConversationList } from "./conversation-list";
import { FolderNav } from "./folder-nav";
import { InboxIcon, KeyboardIcon } from "./icons";
import { ListHeader } from "./list-header";
import type { TextLimits } from "./composer";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { ThreadPane, type ThreadCommands } from "./thread-pane";
import { useChannels, useConversationList, useFolderCounts, useLabels } from "./use-inbox-queries";
import { useInboxLocation } from "./use-inbox-location";
import { ServerNowContext } from "./use-now";
import { useInboxRealtime } from "./use-realtime";
import { AlertsPanel } from "./alerts-panel";
import { BusinessHoursProvider } from "./business-hours-context";
import type { BusinessHoursView } from "@/lib/business-hours/business-hours-view";
import { useNewMessageAlerts, usePreferences, useTitleCount } from "./use-inbox-alerts";

export interface InboxAgent {
  id: string;
  name: string;
  timezone: string;
}

function typingInField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])") !== null;
}

export function InboxApp({
  agent,
  serverNow,
  limits,
  businessHours = null,
}: {
  agent: InboxAgent;
  serverNow: number;
  limits: TextLimits;
  /** The account's hours: SLA clocks and window-before-reopen flags (none when not configured). */
  businessHours?: BusinessHoursView | null;
}) {
  const { conversationId, view, navigate } = useInboxLocation();
  const { preferences, update: updatePreferences } = usePreferences();
  const openFromAlert = useCallback((id: string) => navigate({ conversationId: id }), [navigate]);
  const onConversationChanged = useNewMessageAlerts({ agentId: agent.id, openConversationId: conversationId, preferences, onOpen: openFromAlert });
  const { connected } = useInboxRealtime({ agentId: agent.id, onConversationChanged });
  const list = useConversationList(view, connected);
  const counts = useFolderCounts({ channelId: view.channelId, platform: view.platform }, connected);
  // The tab title counts every channel's, whatever the view's filters.
  const allCounts = useFolderCounts({ channelId: null, platform: null }, connected);
  useTitleCount(allCounts.data ? allCounts.data.unread.mine + allCounts.data.unread.unassigned : 0);
  const channels = useChannels();
  const conversations = useMemo(() => list.data?.pages.flatMap((p) => p.conversations) ?? [], [list.data]);
  const labels = useLabels();
  const labelsById = useMemo(() => new Map((labels.data ?? []).map((l) => [l.id, l])), [labels.data]);
  // Bulk selection: while on, a click or Space toggles a row instead of opening it.
  const [selecting, setSelecting] = useState(false);
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<string>>(new Set());
  const toggleSelected = useCallback(
    (id: string) =>
      setSelectedIds((ids) => {
        const next = new Set(ids);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );
  const selection = useMemo(() => (selecting ? { ids: selectedIds, toggle: toggleSelected } : null), [selecting, selectedIds, toggleSelected]);
  const stopSelecting = useCallback(() => {
    setSelecting(false);
    setSelectedIds(new Set());
  }, []);

  const [cursor, setCursor] = useState<{ id: string | null; keyboard: boolean }>({ id: null, keyboard: false });
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [panelOpen, setPanelOpen] = useState(false);
  const listboxRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const threadCommands = useRef<ThreadCommands | null>(null);
  const focusHeading = useRef(false);

  const open = useCallback(
    (id: string) => {
      focusHeading.current = true;
      setCursor((c) => ({ id, keyboard: c.keyboard }));
      navigate({ conversationId: id });
    },
    [navigate],
  );
  useEffect(() => {
    if (!focusHeading.current || !conversationId) return;
    focusHeading.current = false;
    headingRef.current?.focus();
  }, [conversationId]);

  const move = useCallback(
    (delta: number | "first" | "last") => {
      if (conversations.length === 0) return;
      const from = conversations.findIndex((c) => c.id === (cursor.id ?? conversationId));
      const to =
        delta === "first" ? 0 : delta === "last" ? conversations.length - 1 : from < 0 ? 0 : Math.max(0, Math.min(conversations.length - 1, from + delta));
      setCursor({ id: conversations[to]!.id, keyboard: true });
      listboxRef.current?.focus({ preventScroll: true });
    },
    [conversations, cursor.id, conversationId],
  );

  const changeView = useCallback(
    (next: Partial<InboxViewState>) => {
      setCursor({ id: null, keyboard: false });
      listboxRef.current?.scrollTo({ top: 0 });
      // Typing a search replaces the history entry instead of adding one per pause.
      navigate({ view: next }, { replace: Object.keys(next).length === 1 && "q" in next });
    },
    [navigate],
  );

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (typingInField(event.target) || document.querySelector("dialog[open]")) return;
      switch (event.key) {
        case "j":
          move(1);
          break;
        case "k":
          move(-1);
          break;
        case "Enter":
          if (event.target instanceof HTMLElement && event.target.closest("button, a, summary, [role='option']")) return;
          if (!cursor.id) return;
          open(cursor.id);
          break;
        case "r":
          if (!composerRef.current) return;
          composerRef.current.focus();
          break;
        case "e": {
          if (!threadCommands.current || !conversationId) return;
          // Resolve, then straight to the next conversation of the list (the previous one at its end).
          const index = conversations.findIndex((c) => c.id === conversationId);
          const next = index < 0 ? undefined : (conversations[index + 1] ?? conversations[index - 1]);
          threadCommands.current.resolve();
          if (next) open(next.id);
          break;
        }
        case "a":
          if (!threadCommands.current) return;
          threadCommands.current.assignToMe();
          break;
        case "/":
          searchRef.current?.focus();
          searchRef.current?.select();
          break;
        case "?":
          setShortcutsOpen(true);
          break;
        default:
          return;
      }
      event.preventDefault();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [move, open, cursor.id, conversationId, conversations]);

  return (
    <ServerNowContext.Provider value={serverNow}>
      <BusinessHoursProvider hours={businessHours}>
      <div className="flex h-full min-h-0">
        <h1 className="sr-only">Inbox</h1>
        {/* Below 640 px one pane at a time: the list, or the open conversation (its header leads back). */}
        <aside aria-label="Inbox folders" className="hidden w-52 shrink-0 flex-col border-r border-slate-200 bg-white sm:flex">
          <FolderNav view={view} counts={counts.data} onSelect={(folder: InboxFolder) => changeView({ folder })} />
          <div className="mt-auto space-y-1 border-t border-slate-200 p-3 text-xs text-slate-600">
            <p className="flex items-center gap-1.5" role="status">
              <span className={cn("size-2 rounded-full", connected ? "bg-window-open" : "bg-window-human")} aria-hidden="true" />
              {connected ? "Live updates" : "Updating every 15 s"}
            </p>
            <button type="button" onClick={() => setShortcutsOpen(true)} className="flex items-center gap-1.5 rounded hover:text-slate-900" aria-keyshortcuts="?">
              <KeyboardIcon className="size-4" />
              Keyboard shortcuts
            </button>
            <AlertsPanel
              preferences={preferences}
              saving={updatePreferences.isPending}
              error={updatePreferences.error?.message ?? null}
              onChange={(patch) => updatePreferences.mutate(patch)}
            />
          </div>
        </aside>
        <section
          aria-label="Conversation list"
          className={cn("w-full shrink-0 flex-col border-r border-slate-200 bg-white sm:flex sm:w-80", conversationId ? "hidden" : "flex")}
        >
          <ListHeader
            view={view}
            channels={channels.data ?? []}
            searchRef={searchRef}
            onChange={changeView}
            labels={labels.data ?? []}
            selecting={selecting}
            onToggleSelecting={() => (selecting ? stopSelecting() : setSelecting(true))}
          />
          {selecting ? (
            <BulkBar
              selectedIds={conversations.filter((c) => selectedIds.has(c.id)).map((c) => c.id)}
              labels={labels.data ?? []}
              currentAgentId={agent.id}
              onSelectAll={() => setSelectedIds(new Set(conversations.map((c) => c.id)))}
              onClear={() => setSelectedIds(new Set())}
              onFinish={() => setSelectedIds(new Set())}
              timeZone={agent.timezone}
              snoozeWindowAt={(now) => earliestSnoozeWindow(conversations.filter((c) => selectedIds.has(c.id)).map((c) => snoozeWindow(snoozeFacts(c), now)))}
            />
          ) : null}
          <ConversationList
            listboxRef={listboxRef}
            conversations={conversations}
            folder={view.folder}
            searching={view.q !== null}
            openId={conversationId}
            activeId={cursor.id}
            keyboardActive={cursor.keyboard}
            hasNextPage={list.hasNextPage}
            isFetchingNextPage={list.isFetchingNextPage}
            fetchNextPage={() => void list.fetchNextPage()}
            status={list.status}
            onRetry={() => void list.refetch()}
            onOpen={open}
            onMove={move}
            timeZone={agent.timezone}
            currentAgentId={agent.id}
            labels={labelsById}
            selection={selection}
          />
        </section>
        {conversationId ? (
          <ThreadPane
            key={conversationId}
            conversationId={conversationId}
            currentAgentId={agent.id}
            currentAgentName={agent.name}
            timeZone={agent.timezone}
            live={connected}
            headingRef={headingRef}
            composerRef={composerRef}
            commandsRef={threadCommands}
            limits={limits}
            panelOpen={panelOpen}
            onTogglePanel={() => setPanelOpen((v) => !v)}
            onClose={() => navigate({ conversationId: null })}
          />
        ) : (
          <section aria-label="Conversation" className="hidden min-w-0 flex-1 items-center justify-center bg-slate-50 p-8 sm:flex">
            <div className="max-w-xs space-y-3 text-center">
              <InboxIcon className="mx-auto size-10 text-slate-300" />
              <h2 className="text-base font-semibold text-slate-800">Choose a conversation</h2>
              <p className="text-sm text-slate-600">
                Pick one from the list, or press <kbd className="rounded border border-slate-300 bg-white px-1 font-mono text-xs">j</kbd> and{" "}
                <kbd className="rounded border border-slate-300 bg-white px-1 font-mono text-xs">Enter</kbd>. Press{" "}
                <kbd className="rounded border border-slate-300 bg-white px-1 font-mono text-xs">?</kbd> for all shortcuts.
              </p>
            </div>
          </section>
        )}
      </div>
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
      </BusinessHoursProvider>
    </ServerNowContext.Provider>
  );
}
