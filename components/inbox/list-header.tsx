"use client";

import { useEffect, useState, type RefObject } from "react";
import type { ChannelSummary } from "@/lib/channels/list-channels";
import { FOLDER_LABEL, INBOX_FOLDERS, type InboxFolder } from "@/lib/conversations/inbox-folders";
import { SEARCH_MAX_LENGTH, SEARCH_MIN_LENGTH, type InboxViewState, type PlatformFilter } from "@/lib/conversations/inbox-view";
import type { LabelView } from "@/lib/labels/label-view";
import { SearchIcon } from "./icons";

const SELECT =
  "h-8 min-w-0 flex-1 rounded-md border-0 bg-white py-1 pr-7 pl-2 text-xs text-slate-700 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand focus:outline-none";

/** Search and filters of the list. Search applies after a short pause in typing; Escape clears it. */
export function ListHeader({
  view,
  channels,
  searchRef,
  onChange,
  labels,
  selecting,
  onToggleSelecting,
}: {
  view: InboxViewState;
  channels: ChannelSummary[];
  searchRef: RefObject<HTMLInputElement | null>;
  onChange: (next: Partial<InboxViewState>) => void;
  labels: LabelView[];
  /** Bulk selection mode is on. */
  selecting: boolean;
  onToggleSelecting: () => void;
}) {
  const [text, setText] = useState(view.q ?? "");
  const [textFor, setTextFor] = useState(view.q);
  if (textFor !== view.q) {
    // The URL changed (back button, a link): show its search.
    setTextFor(view.q);
    setText(view.q ?? "");
  }
  const trimmed = text.trim();
  const tooShort = trimmed.length > 0 && trimmed.length < SEARCH_MIN_LENGTH;
  useEffect(() => {
    const next = trimmed.length >= SEARCH_MIN_LENGTH ? trimmed : null;
    if (next === view.q) return;
    if (tooShort) return;
    const timer = setTimeout(() => onChange({ q: next }), 300);
    return () => clearTimeout(timer);
  }, [trimmed, tooShort, view.q, onChange]);

  const visibleChannels = view.platform ? channels.filter((c) => c.platform === view.platform) : channels;
  return (
    <div className="space-y-2 border-b border-slate-200 p-3">
      <div className="flex items-baseline justify-between">
        <h2 className="sr-only text-sm font-semibold text-slate-900 sm:not-sr-only">{FOLDER_LABEL[view.folder]}</h2>
        {/* Phones have no folder column: the folders are a select here. */}
        <label htmlFor="inbox-folder" className="sr-only">
          Folder
        </label>
        <select
          id="inbox-folder"
          value={view.folder}
          onChange={(e) => onChange({ folder: e.target.value as InboxFolder })}
          className={`${SELECT} max-w-48 text-sm font-semibold text-slate-900 sm:hidden`}
        >
          {INBOX_FOLDERS.map((folder) => (
            <option key={folder} value={folder}>
              {FOLDER_LABEL[folder]}
            </option>
          ))}
        </select>
        <span className="flex items-baseline gap-2">
          {view.q ? <span className="text-xs text-slate-500">Search results</span> : null}
          <button
            type="button"
            aria-pressed={selecting}
            onClick={onToggleSelecting}
            className="rounded px-1.5 py-0.5 text-xs font-medium text-brand hover:bg-brand-soft aria-pressed:bg-brand aria-pressed:text-white"
          >
            {selecting ? "Done selecting" : "Select"}
          </button>
        </span>
      </div>
      <div className="relative">
        <SearchIcon className="pointer-events-none absolute top-2 left-2.5 size-4 text-slate-400" />
        <label htmlFor="inbox-search" className="sr-only">
          Search conversations by name or message
        </label>
        <input
          ref={searchRef}
          id="inbox-search"
          type="search"
          value={text}
          maxLength={SEARCH_MAX_LENGTH}
          placeholder="Search name or message  ( / )"
          aria-describedby={tooShort ? "inbox-search-hint" : undefined}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              setText("");
              onChange({ q: null });
              e.currentTarget.blur();
            }
            if (e.key === "Enter") onChange({ q: trimmed.length >= SEARCH_MIN_LENGTH ? trimmed : null });
          }}
          className="h-8 w-full rounded-md border-0 bg-slate-50 pr-2 pl-8 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 placeholder:text-slate-500 focus:bg-white focus:ring-2 focus:ring-brand focus:outline-none"
        />
        {tooShort ? (
          <p id="inbox-search-hint" className="mt-1 text-xs text-slate-500">
            Type at least {SEARCH_MIN_LENGTH} characters.
          </p>
        ) : null}
      </div>
      <div className="flex gap-2">
        <label htmlFor="inbox-platform" className="sr-only">
          Platform
        </label>
        <select
          id="inbox-platform"
          className={SELECT}
          value={view.platform ?? ""}
          onChange={(e) => {
            const platform = (e.target.value || null) as PlatformFilter | null;
            const channel = channels.find((c) => c.id === view.channelId);
            onChange({ platform, channelId: platform && channel && channel.platform !== platform ? null : view.channelId });
          }}
        >
          <option value="">All platforms</option>
          <option value="MESSENGER">Messenger</option>
          <option value="INSTAGRAM">Instagram</option>
        </select>
        <label htmlFor="inbox-channel" className="sr-only">
          Channel
        </label>
        <select id="inbox-channel" className={SELECT} value={view.channelId ?? ""} onChange={(e) => onChange({ channelId: e.target.value || null })}>
          <option value="">All channels</option>
          {visibleChannels.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} · {c.platform === "INSTAGRAM" ? "Instagram" : "Messenger"}
            </option>
          ))}
        </select>
      </div>
      {labels.length ? (
        <>
          <label htmlFor="inbox-label" className="sr-only">
            Label
          </label>
          <select id="inbox-label" className={`${SELECT} w-full`} value={view.labelId ?? ""} onChange={(e) => onChange({ labelId: e.target.value || null })}>
            <option value="">All labels</option>
            {labels.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </>
      ) : null}
    </div>
  );
}
