"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { apiFetch } from "@/components/api-client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/lib/reports/format-duration";
import type { ReviewConversationItem } from "@/lib/review/list-review-conversations";

type Page = { conversations: ReviewConversationItem[]; nextCursor: string | null };

const STATUS = { OPEN: "Open", PENDING: "Pending", SNOOZED: "Snoozed", RESOLVED: "Resolved" } as const;

/** The server renders the first page; further pages come from /api/review/conversations with the same filters. */
export function ReviewResults({ initial, filters, timeZone }: { initial: Page; filters: string; timeZone: string }) {
  const query = useInfiniteQuery({
    queryKey: ["review", "conversations", filters],
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams(filters);
      if (pageParam) params.set("cursor", pageParam);
      return apiFetch<Page>(`/api/review/conversations?${params}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [initial], pageParams: [null] },
    staleTime: 60_000,
  });
  const rows = query.data.pages.flatMap((p) => p.conversations);
  if (rows.length === 0) {
    return <p className="rounded-lg bg-white p-6 text-sm text-slate-600 ring-1 ring-slate-200">No conversations match these filters.</p>;
  }
  return (
    <div className="space-y-3">
      <ul aria-label="Conversations" className="divide-y divide-slate-200 overflow-hidden rounded-lg bg-white ring-1 ring-slate-200">
        {rows.map((c) => (
          <li key={c.id}>
            <Link href={`/review/conversations/${c.id}`} className="flex flex-wrap items-start gap-x-4 gap-y-1 px-4 py-3 hover:bg-slate-50">
              <div className="min-w-0 flex-1 space-y-1">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium text-slate-900">{c.contactName}</span>
                  <Badge tone={c.channel.platform === "INSTAGRAM" ? "brand" : "neutral"}>
                    {c.channel.platform === "INSTAGRAM" ? "Instagram" : "Messenger"} · {c.channel.name}
                  </Badge>
                  <Badge tone={c.status === "RESOLVED" ? "success" : "neutral"}>{STATUS[c.status]}</Badge>
                </div>
                <p className="truncate text-sm text-slate-600">{c.lastMessagePreview}</p>
                <div className="flex flex-wrap gap-1.5">
                  {c.counts.windowsMissed7d > 0 ? <Badge tone="danger">Missed entirely (7 d) ×{c.counts.windowsMissed7d}</Badge> : null}
                  {c.counts.windowsMissed24h > 0 ? <Badge tone="danger">Missed 24 h window ×{c.counts.windowsMissed24h}</Badge> : null}
                  {c.counts.humanAgentReplies > 0 ? <Badge tone="warning">HUMAN_AGENT ×{c.counts.humanAgentReplies}</Badge> : null}
                  {c.counts.blockedAttempts > 0 ? <Badge tone="danger">Blocked ×{c.counts.blockedAttempts}</Badge> : null}
                  {c.counts.failedSends > 0 ? <Badge tone="danger">Failed ×{c.counts.failedSends}</Badge> : null}
                  {c.counts.uneditedSavedReplies > 0 ? <Badge tone="danger">Unedited saved reply as HUMAN_AGENT ×{c.counts.uneditedSavedReplies}</Badge> : null}
                </div>
              </div>
              <div className="shrink-0 text-right text-xs text-slate-500">
                <div>{c.assignee ? `Assigned to ${c.assignee.name}` : "Unassigned"}</div>
                <time dateTime={c.lastMessageAt}>{formatDateTime(c.lastMessageAt, timeZone)}</time>
              </div>
            </Link>
          </li>
        ))}
      </ul>
      {query.hasNextPage ? (
        <div className="flex justify-center">
          <Button variant="secondary" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
      {query.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {query.error.message}
        </p>
      ) : null}
    </div>
  );
}
