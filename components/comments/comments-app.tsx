"use client";

// The Comments view: people's comments that need an answer, grouped by post (newest activity first), each
// with its private-reply allowance and the actions Meta allows — public reply, private reply (once, within
// 7 days), like/hide/delete where Meta allows them, resolve. Live: the realtime stream's comment and message events refetch the list.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { ServerNowContext, useNow } from "@/components/inbox/use-now";
import { subscribeToEventStream } from "@/components/realtime/event-stream";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { CommentView } from "@/lib/comments/comment-view";
import { privateReplyLabel } from "@/lib/comments/private-reply-label";

type Status = "open" | "resolved";
interface CommentPage {
  comments: CommentView[];
  nextCursor: string | null;
}

const commentKeys = { list: (status: Status) => ["comments", status] as const };

export function CommentsApp({ initial, serverNow }: { initial: CommentPage; serverNow: number }) {
  return (
    <ServerNowContext.Provider value={serverNow}>
      <CommentsView initial={initial} />
    </ServerNowContext.Provider>
  );
}

function CommentsView({ initial }: { initial: CommentPage }) {
  const [status, setStatus] = useState<Status>("open");
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: commentKeys.list(status),
    queryFn: () => apiFetch<CommentPage>(`/api/comments?status=${status}`),
    initialData: status === "open" ? initial : undefined,
    staleTime: 5_000,
  });
  useCommentsRealtime(() => void queryClient.invalidateQueries({ queryKey: ["comments"] }));
  const groups = useMemo(() => groupByPost(query.data?.comments ?? []), [query.data]);

  return (
    <div className="mx-auto flex h-full max-w-4xl flex-col px-4 py-4">
      <div className="mb-4 flex items-center gap-3">
        <h1 className="text-lg font-semibold text-slate-900">Comments</h1>
        <div role="tablist" aria-label="Comment status" className="flex gap-1 text-sm">
          {(["open", "resolved"] as const).map((s) => (
            <button
              key={s}
              role="tab"
              aria-selected={status === s}
              className={`rounded-md px-2.5 py-1 ${status === s ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-100"}`}
              onClick={() => setStatus(s)}
            >
              {s === "open" ? "Needs an answer" : "Resolved"}
            </button>
          ))}
        </div>
      </div>
      <div className="min-h-0 flex-1 space-y-4 overflow-y-auto pb-8">
        {query.isError ? <p className="text-sm text-red-700">The comments could not be loaded. {(query.error as Error).message}</p> : null}
        {query.data && groups.length === 0 ? <p className="text-sm text-slate-600">{status === "open" ? "No comment waits for an answer." : "No resolved comment yet."}</p> : null}
        {groups.map((group) => (
          <PostGroup key={group.post.id} group={group} />
        ))}
      </div>
    </div>
  );
}

interface Group {
  post: CommentView["post"];
  channel: CommentView["channel"];
  comments: CommentView[];
}

/** Comments arrive newest first; a post's group sits where its newest comment is. */
function groupByPost(comments: CommentView[]): Group[] {
  const groups = new Map<string, Group>();
  for (const c of comments) {
    const group = groups.get(c.post.id) ?? { post: c.post, channel: c.channel, comments: [] };
    group.comments.push(c);
    groups.set(c.post.id, group);
  }
  return [...groups.values()];
}

function PostGroup({ group }: { group: Group }) {
  const { post, channel } = group;
  return (
    <section aria-label={`Post: ${post.caption ?? post.metaId}`} className="rounded-lg border border-slate-200 bg-white" data-post={post.metaId}>
      <header className="flex items-start gap-3 border-b border-slate-100 p-3">
        {post.pictureUrl ? (
          // eslint-disable-next-line @next/next/no-img-element -- Meta's CDN URL, not optimisable by Next.
          <img src={post.pictureUrl} alt="" className="size-14 shrink-0 rounded object-cover" />
        ) : (
          <div className="size-14 shrink-0 rounded bg-slate-100" aria-hidden="true" />
        )}
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
            <span>{channel.name}</span>
            <span>·</span>
            <span>{channel.platform === "INSTAGRAM" ? "Instagram" : "Facebook"}</span>
            {post.isAd ? (
              <Badge tone="brand" className="uppercase">
                Ad{post.adTitle ? `: ${post.adTitle}` : ""}
              </Badge>
            ) : null}
          </div>
          <p className="mt-1 line-clamp-2 text-sm text-slate-900">{post.caption ?? "(no caption)"}</p>
          {post.permalink ? (
            <a href={post.permalink} target="_blank" rel="noopener noreferrer" className="text-xs text-brand hover:underline">
              View post at {channel.platform === "INSTAGRAM" ? "Instagram" : "Facebook"}
            </a>
          ) : null}
        </div>
      </header>
      <ul className="divide-y divide-slate-100">
        {group.comments.map((c) => (
          <CommentItem key={c.id} comment={c} />
        ))}
      </ul>
    </section>
  );
}

const TONE_CLASS = { open: "text-emerald-800 bg-window-open-soft", urgent: "text-red-800 bg-window-urgent-soft", done: "text-slate-700 bg-slate-100", closed: "text-slate-600 bg-slate-100" } as const;

function CommentItem({ comment }: { comment: CommentView }) {
  const now = useNow();
  const [mode, setMode] = useState<"public" | "private" | null>(null);
  const allowance = privateReplyLabel(comment.privateReply, now);
  const author = comment.from.name ?? (comment.from.username ? `@${comment.from.username}` : comment.from.id);
  const canPrivate = comment.privateReply.allowed && allowance.tone !== "closed";
  return (
    <li className="p-3" id={`comment-${comment.id}`} data-comment={comment.id}>
      <div className="flex items-baseline gap-2">
        <span className="text-sm font-medium text-slate-900">{author}</span>
        <time className="text-xs text-slate-500" dateTime={comment.createdAt} title={new Date(comment.createdAt).toLocaleString()}>
          {new Date(comment.createdAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })}
        </time>
        {comment.hidden ? <Badge>Hidden</Badge> : null}
        {comment.likedByPage ? <Badge>Liked by the Page</Badge> : null}
        <span className={`ml-auto rounded px-1.5 py-0.5 text-xs font-medium ${TONE_CLASS[allowance.tone]}`} data-allowance>
          {allowance.label}
        </span>
      </div>
      <p className="mt-1 whitespace-pre-wrap text-sm text-slate-800">{comment.text}</p>
      {comment.publicReplies.length > 0 ? (
        <ul className="mt-2 space-y-1 border-l-2 border-slate-200 pl-3">
          {comment.publicReplies.map((r) => (
            <li key={r.id} className="text-sm text-slate-700" data-public-reply>
              <span className="font-medium">{r.agentName ? `${r.agentName} (Page)` : "Page"}:</span> {r.text}
              {r.status === "PENDING" ? <span className="ml-1 text-xs text-slate-500">Waiting for Meta…</span> : null}
              {r.status === "FAILED" ? <span className="ml-1 text-xs text-red-700">Not sent: {r.error}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {comment.privateReply.conversationId ? (
        <Link href={`/inbox/${comment.privateReply.conversationId}`} className="mt-1 inline-block text-xs text-brand hover:underline">
          Open the private conversation
        </Link>
      ) : null}
      <div className="mt-2 flex flex-wrap gap-2">
        <Button size="sm" variant="secondary" onClick={() => setMode(mode === "public" ? null : "public")}>
          Reply publicly
        </Button>
        {canPrivate ? (
          <Button size="sm" variant="secondary" onClick={() => setMode(mode === "private" ? null : "private")}>
            Reply privately
          </Button>
        ) : null}
        <StatusButton comment={comment} />
        <ModerationButtons comment={comment} />
      </div>
      {mode ? <ReplyComposer comment={comment} mode={mode} allowance={allowance.label} onDone={() => setMode(null)} /> : null}
    </li>
  );
}

function StatusButton({ comment }: { comment: CommentView }) {
  const queryClient = useQueryClient();
  const to = comment.status === "OPEN" ? "resolved" : "open";
  const change = useMutation({
    mutationFn: () => apiFetch(`/api/comments/${comment.id}/status`, { method: "POST", json: { status: to } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["comments"] }),
  });
  return (
    <Button size="sm" variant="ghost" disabled={change.isPending} onClick={() => change.mutate()}>
      {to === "resolved" ? "Resolve" : "Reopen"}
    </Button>
  );
}

/** Hide/unhide, like/unlike (Facebook only) and delete — only what Meta allows for this comment. */
function ModerationButtons({ comment }: { comment: CommentView }) {
  const queryClient = useQueryClient();
  const author = comment.from.name ?? comment.from.username ?? "the author";
  const act = useMutation({
    mutationFn: (action: "hide" | "unhide" | "like" | "unlike" | "delete") =>
      action === "delete"
        ? apiFetch(`/api/comments/${comment.id}`, { method: "DELETE" })
        : action === "hide" || action === "unhide"
          ? apiFetch(`/api/comments/${comment.id}/hide`, { method: "POST", json: { hidden: action === "hide" } })
          : apiFetch(`/api/comments/${comment.id}/like`, { method: "POST", json: { liked: action === "like" } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["comments"] }),
  });
  return (
    <>
      {comment.moderation.like ? (
        <Button size="sm" variant="ghost" disabled={act.isPending} aria-pressed={comment.likedByPage} onClick={() => act.mutate(comment.likedByPage ? "unlike" : "like")}>
          {comment.likedByPage ? "Unlike" : "Like"}
        </Button>
      ) : null}
      {comment.moderation.hide ? (
        <Button size="sm" variant="ghost" disabled={act.isPending} onClick={() => act.mutate(comment.hidden ? "unhide" : "hide")}>
          {comment.hidden ? "Unhide" : "Hide"}
        </Button>
      ) : null}
      {comment.moderation.delete ? (
        <Button
          size="sm"
          variant="ghost"
          disabled={act.isPending}
          onClick={() => {
            if (window.confirm(`Delete ${author}'s comment at Meta? It disappears for everyone and cannot be answered afterwards.`)) act.mutate("delete");
          }}
        >
          Delete
        </Button>
      ) : null}
      {act.error ? (
        <p role="alert" className="basis-full text-xs text-red-700">
          {act.error instanceof ApiError ? act.error.message : "Could not change the comment."}
        </p>
      ) : null}
    </>
  );
}

function ReplyComposer({ comment, mode, allowance, onDone }: { comment: CommentView; mode: "public" | "private"; allowance: string; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState("");
  // One key per reply, reused if the agent presses Send again after an error.
  const [key] = useState(() => crypto.randomUUID());
  const send = useMutation({
    mutationFn: () =>
      apiFetch(`/api/comments/${comment.id}/${mode === "private" ? "private-reply" : "replies"}`, { method: "POST", json: { text }, headers: { "idempotency-key": key } }),
    onSuccess: () => onDone(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["comments"] }),
  });
  const label = mode === "private" ? `Private message to ${comment.from.name ?? comment.from.username ?? "the author"}` : "Public reply under the comment";
  return (
    <form
      className="mt-2 space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) send.mutate();
      }}
    >
      <label className="block text-xs font-medium text-slate-700">
        {label}
        {mode === "private" ? <span className="ml-2 font-normal text-slate-500">One message only · {allowance.replace("Private reply · ", "")}</span> : null}
        <textarea
          className="mt-1 block w-full rounded-md border border-slate-300 p-2 text-sm text-slate-900 focus:border-brand focus:outline-none"
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoFocus
        />
      </label>
      {send.error ? <p className="text-xs text-red-700">{send.error instanceof ApiError ? send.error.message : "Could not send."}</p> : null}
      <div className="flex gap-2">
        <Button size="sm" type="submit" disabled={send.isPending || !text.trim()}>
          {mode === "private" ? "Send privately" : "Reply"}
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** Comment and message events of the realtime stream (debounced): the list is refetched. */
function useCommentsRealtime(onChange: () => void) {
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  }, [onChange]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const handler = () => {
      clearTimeout(timer);
      timer = setTimeout(() => latest.current(), 300);
    };
    const unsubscribe = subscribeToEventStream({
      events: { "comment.upserted": handler, "message.upserted": handler, resync: handler },
      onOpen: (afterGap) => afterGap && handler(),
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, []);
}
