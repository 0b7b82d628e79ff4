"use client";

// The admins' bell in the header: unread notifications (lib/notifications) and the account summary — how many
// channels need attention now. Live through the realtime stream (`admin.notification`, `channel.updated`),
// with a slow poll as a fallback while the stream is down.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { ATTENTION_LABELS } from "@/lib/health/channel-attention";
import type { AdminNotificationsView } from "@/lib/notifications/admin-notifications";

const KEY = ["admin", "notifications"] as const;

function useNotificationEvents() {
  const queryClient = useQueryClient();
  useEffect(() => {
    const source = new EventSource("/api/events");
    let timer: ReturnType<typeof setTimeout> | null = null;
    let dueAt = Infinity;
    const refreshIn = (ms: number) => () => {
      // A new notice shows at once; channel changes (sync progress publishes them twice a second) at most every 3 s.
      if (timer && Date.now() + ms >= dueAt) return;
      if (timer) clearTimeout(timer);
      dueAt = Date.now() + ms;
      timer = setTimeout(() => {
        timer = null;
        dueAt = Infinity;
        void queryClient.invalidateQueries({ queryKey: KEY });
      }, ms);
    };
    source.addEventListener("admin.notification", refreshIn(200));
    source.addEventListener("channel.updated", refreshIn(3_000));
    source.addEventListener("resync", refreshIn(3_000));
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [queryClient]);
}

export function AdminBell() {
  const queryClient = useQueryClient();
  const router = useRouter();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const { data } = useQuery({ queryKey: KEY, queryFn: () => apiFetch<AdminNotificationsView>("/api/admin/notifications"), refetchInterval: 60_000 });
  useNotificationEvents();
  const markRead = useMutation({
    mutationFn: (body: { ids: string[] } | { all: true }) => apiFetch<{ marked: number }>("/api/admin/notifications/read", { method: "POST", json: body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });

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

  const unread = data?.unreadCount ?? 0;
  const attention = data?.attention.channels ?? [];
  return (
    <div ref={root} className="relative flex items-center gap-2">
      {attention.length > 0 ? (
        <Link href="/admin/channels" className="hidden items-center gap-1.5 rounded-md px-2 py-1 text-xs font-medium text-amber-800 hover:bg-amber-50 sm:flex" data-attention-summary>
          <span className="size-2 rounded-full bg-amber-500" aria-hidden="true" />
          {data?.attention.summary}
        </Link>
      ) : null}
      <button
        type="button"
        className="relative rounded-md p-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : "Notifications"}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((v) => !v)}
      >
        <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
          <path d="M6 16V11a6 6 0 1 1 12 0v5l1.5 2h-15z" strokeLinejoin="round" />
          <path d="M10 20a2 2 0 0 0 4 0" strokeLinecap="round" />
        </svg>
        {unread > 0 ? (
          <span className="absolute -right-1 -top-1 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] font-semibold leading-4 text-white" data-unread-count>
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div id={panelId} role="dialog" aria-label="Notifications" className="absolute right-0 top-10 z-50 w-96 max-w-[90vw] rounded-lg bg-white text-sm shadow-lg ring-1 ring-slate-200">
          <div className="flex items-center justify-between border-b border-slate-100 px-3 py-2">
            <span className="font-medium text-slate-900">Notifications</span>
            <button type="button" className="text-xs text-brand hover:underline disabled:text-slate-400" disabled={unread === 0 || markRead.isPending} onClick={() => markRead.mutate({ all: true })}>
              Mark all read
            </button>
          </div>
          {attention.length > 0 ? (
            <div className="border-b border-slate-100 bg-amber-50 px-3 py-2">
              <p className="text-xs font-medium text-amber-900">{data?.attention.summary}</p>
              <ul className="mt-1 space-y-0.5">
                {attention.map((c) => (
                  <li key={c.id} className="text-xs">
                    <Link href={`/admin/channels/${c.id}/health`} className="text-amber-900 underline-offset-2 hover:underline" onClick={() => setOpen(false)}>
                      {c.name} ({c.platform === "INSTAGRAM" ? "Instagram" : "Messenger"})
                    </Link>
                    : {c.problems.map((p) => ATTENTION_LABELS[p]).join(", ")}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <ul className="max-h-96 overflow-y-auto">
            {(data?.notifications ?? []).length === 0 ? <li className="px-3 py-4 text-center text-xs text-slate-500">No notifications.</li> : null}
            {(data?.notifications ?? []).map((n) => (
              <li key={n.id} className={n.readAt ? "border-b border-slate-100" : "border-b border-slate-100 bg-brand-soft/40"}>
                <button
                  type="button"
                  className="block w-full px-3 py-2 text-left hover:bg-slate-50"
                  onClick={() => {
                    if (!n.readAt) markRead.mutate({ ids: [n.id] });
                    setOpen(false);
                    if (n.channelId) router.push(`/admin/channels/${n.channelId}/health`);
                  }}
                >
                  <span className="flex items-start gap-2">
                    {!n.readAt ? <span className="mt-1.5 size-2 shrink-0 rounded-full bg-brand" aria-label="unread" /> : null}
                    <span className="min-w-0">
                      <span className="block font-medium text-slate-900">
                        {n.title}
                        {n.occurrences > 1 ? <span className="ml-1 text-xs font-normal text-slate-500">×{n.occurrences}</span> : null}
                      </span>
                      <span className="mt-0.5 block text-xs text-slate-600">{n.body}</span>
                      <span className="mt-0.5 block text-[11px] text-slate-400">{new Date(n.lastOccurredAt).toISOString().slice(0, 16).replace("T", " ")} UTC</span>
                    </span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
