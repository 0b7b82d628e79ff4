"use client";

// Every agent's mentions in the header: notes in which a teammate @-mentioned them (lib/notes/mentions.ts),
// unread first. Live through the realtime stream (a note added to a conversation they can see), with a slow
// poll while the stream is down.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/components/api-client";
import { formatUtcMinute } from "@/lib/conversations/format-time";
import type { MentionsView } from "@/lib/notes/mentions";
import { useStreamRefresh } from "@/components/realtime/use-stream-refresh";
import { HeaderPopover, MarkAllRead } from "./header-popover";

const KEY = ["me", "mentions"] as const;

export function MentionsBell() {
  const queryClient = useQueryClient();
  const router = useRouter();
  const { data } = useQuery({ queryKey: KEY, queryFn: () => apiFetch<MentionsView>("/api/me/mentions"), refetchInterval: 60_000 });
  useStreamRefresh(KEY, { "note.added": 300, resync: 3_000 });
  const markRead = useMutation({
    mutationFn: (body: { noteIds: string[] } | { all: true }) => apiFetch<{ marked: number }>("/api/me/mentions/read", { method: "POST", json: body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
  const unread = data?.unreadCount ?? 0;
  const mentions = data?.mentions ?? [];
  return (
    <HeaderPopover
      name="Mentions"
      unread={unread}
      icon={
        <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
          <circle cx="12" cy="12" r="3.5" />
          <path d="M15.5 12v1.5a2.5 2.5 0 0 0 5 0V12a8.5 8.5 0 1 0-3.3 6.7" strokeLinecap="round" />
        </svg>
      }
      headerAction={<MarkAllRead disabled={unread === 0 || markRead.isPending} onClick={() => markRead.mutate({ all: true })} />}
    >
      {(close) => (
        <ul className="max-h-96 overflow-y-auto">
          {mentions.length === 0 ? <li className="px-3 py-4 text-center text-xs text-slate-500">No mentions. Teammates mention you with @ and your name in a private note.</li> : null}
          {mentions.map((m) => (
            <li key={m.noteId} className={m.readAt ? "border-b border-slate-100" : "border-b border-slate-100 bg-brand-soft/40"}>
              <button
                type="button"
                className="block w-full px-3 py-2 text-left hover:bg-slate-50"
                onClick={() => {
                  if (!m.readAt) markRead.mutate({ noteIds: [m.noteId] });
                  close();
                  router.push(`/inbox/${m.conversationId}?folder=all`);
                }}
              >
                <span className="flex items-start gap-2">
                  {!m.readAt ? <span className="mt-1.5 size-2 shrink-0 rounded-full bg-brand" aria-label="unread" /> : null}
                  <span className="min-w-0">
                    <span className="block font-medium text-slate-900">
                      {m.authorName ?? "A former teammate"} · {m.contactName}
                    </span>
                    <span className="mt-0.5 block text-xs text-slate-600">{m.excerpt}</span>
                    <span className="mt-0.5 block text-[11px] text-slate-500">{formatUtcMinute(new Date(m.createdAt))}</span>
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </HeaderPopover>
  );
}
