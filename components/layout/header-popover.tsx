"use client";

// A header button with an unread badge that opens a panel below it (Esc or a click outside closes it): the
// admins' notifications and everyone's mentions.
import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";

// The header's components share one connection to the realtime stream: browsers allow a handful of
// connections per host over HTTP/1.1, and every open tab already holds the inbox's own stream.
let sharedStream: { source: EventSource; users: number } | null = null;

function acquireStream(): EventSource {
  sharedStream ??= { source: new EventSource("/api/events"), users: 0 };
  sharedStream.users++;
  return sharedStream.source;
}

function releaseStream(): void {
  if (!sharedStream || --sharedStream.users > 0) return;
  sharedStream.source.close();
  sharedStream = null;
}

/**
 * Refetches `queryKey` when the realtime stream (`/api/events`) names one of `events`, each after its delay;
 * a refresh already due sooner is not pushed back, so a busy event cannot starve a prompt one.
 */
export function useStreamRefresh(queryKey: QueryKey, events: Record<string, number>) {
  const queryClient = useQueryClient();
  const spec = JSON.stringify(events);
  const keySpec = JSON.stringify(queryKey);
  useEffect(() => {
    const source = acquireStream();
    let timer: ReturnType<typeof setTimeout> | null = null;
    let dueAt = Infinity;
    const refreshIn = (ms: number) => () => {
      if (timer && Date.now() + ms >= dueAt) return;
      if (timer) clearTimeout(timer);
      dueAt = Date.now() + ms;
      timer = setTimeout(() => {
        timer = null;
        dueAt = Infinity;
        void queryClient.invalidateQueries({ queryKey: JSON.parse(keySpec) as QueryKey });
      }, ms);
    };
    const listeners = Object.entries(JSON.parse(spec) as Record<string, number>).map(([event, ms]) => [event, refreshIn(ms)] as const);
    for (const [event, listener] of listeners) source.addEventListener(event, listener);
    return () => {
      if (timer) clearTimeout(timer);
      for (const [event, listener] of listeners) source.removeEventListener(event, listener);
      releaseStream();
    };
  }, [queryClient, spec, keySpec]);
}

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
