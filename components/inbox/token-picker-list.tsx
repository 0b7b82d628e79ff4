"use client";

// The list of an inline picker (use-token-picker.ts), above the composer's textarea: a listbox whose options
// the textarea points at (aria-activedescendant), so keyboard users stay in the text.
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { pickerOptionId, type TokenPicker } from "./use-token-picker";

export function TokenPickerList<T>({
  id,
  label,
  picker,
  empty,
  children,
}: {
  id: string;
  /** The list's name ("Saved replies", "Teammates"). */
  label: string;
  picker: TokenPicker<T>;
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
              key={picker.keyOf(item)}
              id={pickerOptionId(id, picker.keyOf(item))}
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
