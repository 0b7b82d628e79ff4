"use client";

// The admins' bell in the header: unread notifications (lib/notifications) and the account summary — how many
// channels need attention now. Live through the realtime stream (`admin.notification`, `channel.updated`),
// with a slow poll as a fallback while the stream is down.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/components/api-client";
import { formatUtcMinute } from "@/lib/conversations/format-time";
import { ATTENTION_LABELS } from "@/lib/health/channel-attention";
import type { AdminNotificationsView } from "@/lib/notifications/admin-notifications";
import { useStreamRefresh } from "@/components/realtime/use-stream-refresh";
import { HeaderPopover, MarkAllRead } from "./header-popover";

const KEY = ["admin", "notifications"] as const;

export function AdminBell() {
  const queryClient = useQueryClient();
  const router = useRouter();
  const { data } = useQuery({ queryKey: KEY, queryFn: () => apiFetch<AdminNotificationsView>("/api/admin/notifications"), refetchInterval: 60_000 });
  // A new notice shows at once; channel changes (sync progress publishes them twice a second) at most every 3 s.
  useStreamRefresh(KEY, { "admin.notification": 200, "channel.updated": 3_000, resync: 3_000 });
  const markRead = useMutation({
    mutationFn: (body: { ids: string[] } | { all: true }) => apiFetch<{ marked: number }>("/api/admin/notifications/read", { method: "POST", json: body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });

  const unread = data?.unreadCount ?? 0;
  const attention = data?.attention.channels ?? [];
  return (
    <HeaderPopover
      name="Notifications"
      unread={unread}
      icon={
        <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
          <path d="M6 16V11a6 6 0 1 1 12 0v5l1.5 2h-15z" strokeLinejoin="round" />
          <path d="M10 20a2 2 0 0 0 4 0" strokeLinecap="round" />
        </svg>
      }
      headerAction={<MarkAllRead disabled={unread === 0 || markRead.isPending} onClick={() => markRead.mutate({ all: true })} />}
      before={
        attention.length > 0 ? (
          <Link href="/admin/channels" className="hidden items-center gap-1.5 rounded-md px-2 py-1 text-xs font-medium text-amber-800 hover:bg-amber-50 sm:flex" data-attention-summary>
            <span className="size-2 rounded-full bg-amber-500" aria-hidden="true" />
            {data?.attention.summary}
          </Link>
        ) : null
      }
    >
      {(close) => (
        <>
          {attention.length > 0 ? (
            <div className="border-b border-slate-100 bg-amber-50 px-3 py-2">
              <p className="text-xs font-medium text-amber-900">{data?.attention.summary}</p>
              <ul className="mt-1 space-y-0.5">
                {attention.map((c) => (
                  <li key={c.id} className="text-xs">
                    <Link href={`/admin/channels/${c.id}/health`} className="text-amber-900 underline-offset-2 hover:underline" onClick={close}>
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
                    close();
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
                      <span className="mt-0.5 block text-[11px] text-slate-400">{formatUtcMinute(new Date(n.lastOccurredAt))}</span>
                    </span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </HeaderPopover>
  );
}
