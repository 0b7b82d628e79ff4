"use client";

// The core of the composer's inline pickers — `/` for saved replies, `@` for teammates in a private note: a
// token typed at the caret opens a list searched as the agent types; ↑/↓ choose, Enter or Tab insert, Esc
// closes (until the token is typed again). The textarea keeps the focus throughout (keyboard first).
import { useState, type KeyboardEvent, type RefObject } from "react";

/** Where a picker's token starts in the text, and what was typed after its trigger character. */
export interface TokenAt {
  start: number;
  query: string;
}

/** The id of the option of key `key` in the list `listId` (the textarea's aria-activedescendant). */
export const pickerOptionId = (listId: string, key: string) => `${listId}-${key}`;

/** The text box a picker works in: its text, how to change it, the textarea (caret, focus), and whether it is on. */
export interface PickerTextBox {
  text: string;
  setText: (value: string) => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  enabled: boolean;
}

export function useTokenPicker<T>({
  text,
  setText,
  textareaRef,
  enabled,
  tokenAt,
  search,
  insertionOf,
  onInserted,
  keyOf,
}: PickerTextBox & {
  /** The token ending at the caret, or null (no picker). */
  tokenAt: (text: string, caret: number) => TokenAt | null;
  /** The items shown for a query, best first. */
  search: (query: string) => T[];
  /** The text that replaces the token. */
  insertionOf: (item: T) => string;
  onInserted?: (item: T, insertion: string) => void;
  /** A stable key of an item (list keys, option ids). */
  keyOf: (item: T) => string;
}) {
  const [caret, setCaret] = useState<number | null>(null);
  const [highlight, setHighlight] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);

  const token = enabled && caret !== null ? tokenAt(text, caret) : null;
  const open = token !== null && dismissedAt !== token.start;
  const results = open ? search(token.query) : [];
  const active = Math.min(highlight, Math.max(0, results.length - 1));

  function track(textarea: HTMLTextAreaElement) {
    setCaret(textarea.selectionStart === textarea.selectionEnd ? textarea.selectionStart : null);
  }

  function insert(item: T) {
    if (!token || caret === null) return;
    const insertion = insertionOf(item);
    const at = token.start + insertion.length;
    setText(text.slice(0, token.start) + insertion + text.slice(caret));
    onInserted?.(item, insertion);
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
    keyOf,
    /** The textarea's ARIA wiring to the open list `listId`. */
    ariaFor: (listId: string) => ({
      "aria-controls": open && results.length > 0 ? listId : undefined,
      "aria-activedescendant": open && results[active] !== undefined ? pickerOptionId(listId, keyOf(results[active])) : undefined,
    }),
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

export type TokenPicker<T> = ReturnType<typeof useTokenPicker<T>>;
