"use client";

// The composer's `/` picker: typing `/` at the start of the reply or after a space opens the saved replies of
// this conversation's channel, searched as the agent types (lib/saved-replies/render-saved-reply.ts);
// ↑/↓ choose, Enter or Tab inserts the reply rendered for this person and agent, Esc closes. The inserted text
// stays editable; which saved reply was inserted is sent with the reply, and the server decides whether the
// agent changed it.
import { useQuery } from "@tanstack/react-query";
import { useState, type KeyboardEvent, type RefObject } from "react";
import { apiFetch } from "@/components/api-client";
import { cn } from "@/components/ui/cn";
import { renderSavedReply, repliesForChannel, searchSavedReplies, slashQueryAt, type SavedReplyContext } from "@/lib/saved-replies/render-saved-reply";
import type { SavedReplyView } from "@/lib/saved-replies/saved-reply-view";

const MAX_SHOWN = 8;

export function useSavedReplies() {
  return useQuery({
    queryKey: ["inbox", "saved-replies"],
    queryFn: ({ signal }) => apiFetch<{ savedReplies: SavedReplyView[] }>("/api/saved-replies", { signal }).then((r) => r.savedReplies),
    staleTime: 60_000,
  });
}

/** The saved reply in the draft: its id and the text it was inserted as. */
export interface InsertedSavedReply {
  id: string;
  shortcut: string;
  rendered: string;
}

export function useSavedReplyPicker({
  channelId,
  context,
  draft,
  setDraft,
  textareaRef,
  enabled,
}: {
  channelId: string;
  context: SavedReplyContext;
  draft: string;
  setDraft: (value: string) => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  enabled: boolean;
}) {
  const replies = useSavedReplies();
  const [caret, setCaret] = useState<number | null>(null);
  const [highlight, setHighlight] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [inserted, setInserted] = useState<InsertedSavedReply | null>(null);

  const token = enabled && caret !== null ? slashQueryAt(draft, caret) : null;
  const open = token !== null && dismissedAt !== token.start;
  const results = open ? searchSavedReplies(repliesForChannel(replies.data ?? [], channelId), token.query).slice(0, MAX_SHOWN) : [];
  const active = Math.min(highlight, Math.max(0, results.length - 1));

  function track(textarea: HTMLTextAreaElement) {
    setCaret(textarea.selectionStart === textarea.selectionEnd ? textarea.selectionStart : null);
  }

  function insert(reply: SavedReplyView) {
    if (!token || caret === null) return;
    const rendered = renderSavedReply(reply.text, context);
    const next = draft.slice(0, token.start) + rendered + draft.slice(caret);
    const at = token.start + rendered.length;
    setDraft(next);
    setInserted({ id: reply.id, shortcut: reply.shortcut, rendered });
    setCaret(null);
    setHighlight(0);
    requestAnimationFrame(() => {
      const textarea = textareaRef.current;
      if (!textarea) return;
      textarea.focus();
      textarea.setSelectionRange(at, at);
    });
  }

  /** Handles the picker's keys; true when the key was the picker's (the composer must not act on it). */
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!open) return false;
    if (event.key === "Escape") {
      setDismissedAt(token.start);
      return true;
    }
    if (results.length === 0) return false;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      setHighlight((active + (event.key === "ArrowDown" ? 1 : results.length - 1)) % results.length);
      return true;
    }
    if ((event.key === "Enter" && !event.shiftKey) || event.key === "Tab") {
      insert(results[active]!);
      return true;
    }
    return false;
  }

  return {
    open,
    results,
    active,
    loading: replies.isPending,
    inserted,
    clearInserted: () => setInserted(null),
    track,
    onKeyDown,
    insert,
    onType: (textarea: HTMLTextAreaElement) => {
      track(textarea);
      setHighlight(0);
      setDismissedAt(null);
    },
  };
}

export function SavedReplyList({
  id,
  picker,
  context,
}: {
  id: string;
  picker: ReturnType<typeof useSavedReplyPicker>;
  context: SavedReplyContext;
}) {
  if (!picker.open) return null;
  return (
    <div className="mb-2 rounded-md bg-white shadow-lg ring-1 ring-slate-300">
      <p className="border-b border-slate-200 px-3 py-1.5 text-xs text-slate-600">
        Saved replies · <kbd className="font-mono">↑</kbd> <kbd className="font-mono">↓</kbd> choose, <kbd className="font-mono">Enter</kbd> insert,{" "}
        <kbd className="font-mono">Esc</kbd> close
      </p>
      {picker.results.length === 0 ? (
        <p className="px-3 py-2 text-sm text-slate-600">{picker.loading ? "Loading saved replies…" : "No saved reply matches."}</p>
      ) : (
        <ul id={id} role="listbox" aria-label="Saved replies" className="max-h-56 overflow-y-auto py-1">
          {picker.results.map((reply, index) => (
            <li
              key={reply.id}
              id={`${id}-${reply.id}`}
              role="option"
              aria-selected={index === picker.active}
              // The mouse works too, but the textarea keeps the focus (keyboard first).
              onMouseDown={(e) => {
                e.preventDefault();
                picker.insert(reply);
              }}
              className={cn("cursor-pointer px-3 py-1.5 text-sm", index === picker.active ? "bg-brand-soft" : "hover:bg-slate-50")}
            >
              <span className="font-mono text-xs text-brand">/{reply.shortcut}</span> <span className="font-medium text-slate-900">{reply.name}</span>
              <span className="block truncate text-xs text-slate-600">{renderSavedReply(reply.text, context)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
