"use client";

// A header button with an unread badge that opens a panel below it (Esc or a click outside closes it): the
// admins' notifications and everyone's mentions.
import { useEffect, useId, useRef, useState, type ReactNode } from "react";

export function HeaderPopover({
  name,
  unread,
  icon,
  headerAction,
  before,
  children,
}: {
  /** The panel's name; the button says it with the unread count. */
  name: string;
  unread: number;
  icon: ReactNode;
  /** Beside the panel's title (e.g. "Mark all read"). */
  headerAction?: ReactNode;
  /** Beside the button, outside the panel. */
  before?: ReactNode;
  children: (close: () => void) => ReactNode;
}) {
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    const onClick = (e: MouseEvent) => !root.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  return (
    <div ref={root} className="relative flex items-center gap-2">
      {before}
      <button
        type="button"
        className="relative rounded-md p-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
        aria-label={unread > 0 ? `${name}, ${unread} unread` : name}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((v) => !v)}
      >
        {icon}
        {unread > 0 ? (
          <span className="absolute -right-1 -top-1 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] font-semibold leading-4 text-white" data-unread-count>
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div id={panelId} role="dialog" aria-label={name} className="absolute right-0 top-10 z-50 w-96 max-w-[90vw] rounded-lg bg-white text-sm shadow-lg ring-1 ring-slate-200">
          <div className="flex items-center justify-between border-b border-slate-100 px-3 py-2">
            <span className="font-medium text-slate-900">{name}</span>
            {headerAction}
          </div>
          {children(() => setOpen(false))}
        </div>
      ) : null}
    </div>
  );
}

/** "Mark all read" for a panel's title row. */
export function MarkAllRead({ disabled, onClick }: { disabled: boolean; onClick: () => void }) {
  return (
    <button type="button" className="text-xs text-brand hover:underline disabled:text-slate-400" disabled={disabled} onClick={onClick}>
      Mark all read
    </button>
  );
}
