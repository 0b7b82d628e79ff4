"use client";

// The list of an inline picker (use-token-picker.ts), above the composer's textarea: a listbox whose options
// the textarea points at (aria-activedescendant), so keyboard users stay in the text.
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import type { TokenPicker } from "./use-token-picker";

/** The id of option `key` of the list `listId` (the textarea's aria-activedescendant). */
export const pickerOptionId = (listId: string, key: string) => `${listId}-${key}`;

export function TokenPickerList<T>({
  id,
  label,
  picker,
  keyOf,
  empty,
  children,
}: {
  id: string;
  /** The list's name ("Saved replies", "Teammates"). */
  label: string;
  picker: TokenPicker<T>;
  keyOf: (item: T) => string;
  /** Shown when nothing matches (or while loading). */
  empty: string;
  children: (item: T) => ReactNode;
}) {
  if (!picker.open) return null;
  return (
    <div className="mb-2 rounded-md bg-white shadow-lg ring-1 ring-slate-300">
      <p className="border-b border-slate-200 px-3 py-1.5 text-xs text-slate-600">
        {label} · <kbd className="font-mono">↑</kbd> <kbd className="font-mono">↓</kbd> choose, <kbd className="font-mono">Enter</kbd> insert,{" "}
        <kbd className="font-mono">Esc</kbd> close
      </p>
      {picker.results.length === 0 ? (
        <p className="px-3 py-2 text-sm text-slate-600">{empty}</p>
      ) : (
        <ul id={id} role="listbox" aria-label={label} className="max-h-56 overflow-y-auto py-1">
          {picker.results.map((item, index) => (
            <li
              key={keyOf(item)}
              id={pickerOptionId(id, keyOf(item))}
              role="option"
              aria-selected={index === picker.active}
              // The mouse works too, but the textarea keeps the focus (keyboard first).
              onMouseDown={(e) => {
                e.preventDefault();
                picker.insert(item);
              }}
              className={cn("cursor-pointer px-3 py-1.5 text-sm", index === picker.active ? "bg-brand-soft" : "hover:bg-slate-50")}
            >
              {children(item)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The textarea's ARIA wiring to an open list. */
export function pickerAria<T>(id: string, picker: TokenPicker<T>, keyOf: (item: T) => string) {
  const current = picker.open ? picker.results[picker.active] : undefined;
  return {
    "aria-controls": picker.open && picker.results.length ? id : undefined,
    "aria-activedescendant": current !== undefined ? pickerOptionId(id, keyOf(current)) : undefined,
  };
}
