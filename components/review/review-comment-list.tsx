// /review/comments: each person's comment with its timeline — replies, private-reply decisions, moderation and
// the allowance running out. Read-only, rendered on the server (no hooks).
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field, Input, Select } from "@/components/ui/field";
import { formatDateTime } from "@/lib/reports/format-duration";
import type { CommentTimelineEntry, SendState } from "@/lib/review/build-comment-timeline";
import type { ReviewCommentItem } from "@/lib/review/list-review-comments";
import type { ReviewFilterOptions } from "@/lib/review/list-review-filter-options";
import { ChannelSelect, PlatformSelect } from "./scope-selects";

const OUTCOMES = [
  ["public", "Answered publicly"],
  ["private", "Answered privately"],
  ["unanswered", "Not answered yet"],
  ["expired", "Private reply expired unanswered"],
  ["blocked", "Private reply blocked"],
] as const;

const STATE: Record<SendState, string> = { SENT: "sent", PENDING: "not confirmed by Meta yet", FAILED: "failed", OTHER_APP: "sent outside this app" };

export function ReviewCommentFilters({ values, channels }: { values: Record<string, string>; channels: ReviewFilterOptions["channels"] }) {
  return (
    <form method="get" action="/review/comments" aria-label="Comment filters" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
      <div className="w-72">
        <Field id="rc-channel" label="Channel">
          <ChannelSelect id="rc-channel" channels={channels} value={values.channelId} />
        </Field>
      </div>
      <div className="w-36">
        <Field id="rc-platform" label="Platform">
          <PlatformSelect id="rc-platform" value={values.platform} />
        </Field>
      </div>
      <div className="w-40">
        <Field id="rc-from" label="Written from">
          <Input id="rc-from" name="from" type="date" defaultValue={values.from ?? ""} />
        </Field>
      </div>
      <div className="w-40">
        <Field id="rc-to" label="To">
          <Input id="rc-to" name="to" type="date" defaultValue={values.to ?? ""} />
        </Field>
      </div>
      <div className="w-64">
        <Field id="rc-outcome" label="Outcome">
          <Select id="rc-outcome" name="outcome" defaultValue={values.outcome ?? ""}>
            <option value="">Any</option>
            {OUTCOMES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Button type="submit">Apply filters</Button>
      <Link href="/review/comments" className="h-10 px-2 py-2 text-sm text-slate-600 hover:text-slate-900">
        Clear
      </Link>
    </form>
  );
}

function When({ at, timeZone }: { at: string; timeZone: string }) {
  return (
    <time dateTime={at} className="text-xs text-slate-600">
      {formatDateTime(at, timeZone)}
    </time>
  );
}

function Entry({ entry, timeZone }: { entry: CommentTimelineEntry; timeZone: string }) {
  switch (entry.kind) {
    case "comment":
      return (
        <li className="text-sm">
          <span className="font-medium text-slate-900">{entry.authorName}</span> commented · <When at={entry.at} timeZone={timeZone} />
          {entry.hidden ? <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs text-slate-700">Hidden</span> : null}
          <p className="whitespace-pre-wrap text-slate-800">{entry.text ?? <span className="italic text-slate-500">No text</span>}</p>
          {entry.removedAt ? <p className="text-xs text-slate-600">Removed at Meta · {formatDateTime(entry.removedAt, timeZone)}</p> : null}
        </li>
      );
    case "public_reply":
    case "private_reply": {
      const failed = entry.state === "FAILED";
      return (
        <li className={cn("rounded-md px-3 py-2 text-sm ring-1", failed ? "bg-white ring-red-300" : "bg-brand-soft ring-indigo-200")}>
          <p>
            <span className="font-medium text-slate-900">{entry.kind === "private_reply" ? "Private reply" : "Public reply"}</span> by {entry.by} ·{" "}
            <span className={failed ? "text-red-800" : "text-slate-700"}>{STATE[entry.state]}</span> · <When at={entry.at} timeZone={timeZone} />
          </p>
          {entry.text ? <p className="whitespace-pre-wrap text-slate-800">{entry.text}</p> : null}
          {entry.kind === "private_reply" ? (
            <p className="text-xs text-slate-600">
              Private-reply policy: allowed{entry.deadline ? <> until {formatDateTime(entry.deadline, timeZone)}</> : null} ·{" "}
              <Link href={`/review/conversations/${entry.conversationId}`} className="underline">
                the person&apos;s conversation
              </Link>
            </p>
          ) : null}
          {entry.error ? <p className="text-xs text-red-900">{entry.error}</p> : null}
        </li>
      );
    }
    case "private_blocked":
      return (
        <li className="rounded-md border border-dashed border-red-300 bg-white px-3 py-2 text-sm">
          <p>
            <span className="font-medium text-red-800">Private reply blocked</span> · <When at={entry.at} timeZone={timeZone} />
          </p>
          <p className="text-slate-700">
            {entry.actorName} tried to send{entry.textLength !== null ? ` ${entry.textLength} characters` : ""}; nothing went to Meta. {entry.reasonText}
          </p>
          <p className="text-xs text-slate-600">{entry.deadline ? <>Deadline: {formatDateTime(entry.deadline, timeZone)}</> : "No deadline applies"}</p>
        </li>
      );
    case "expired":
      return (
        <li className="text-xs font-medium text-red-800">
          The private-reply allowance ran out without an answer · <When at={entry.at} timeZone={timeZone} />
        </li>
      );
    case "status":
      return (
        <li className="text-xs text-slate-600">
          {entry.actorName} {entry.to === "RESOLVED" ? "resolved the comment" : "reopened the comment"} · <When at={entry.at} timeZone={timeZone} />
        </li>
      );
    case "moderation":
      return (
        <li className="text-xs text-slate-600">
          {entry.actorName} {entry.action} · <When at={entry.at} timeZone={timeZone} />
        </li>
      );
  }
}

export function ReviewCommentList({ comments, timeZone, nextHref }: { comments: ReviewCommentItem[]; timeZone: string; nextHref: string | null }) {
  if (comments.length === 0) return <p className="text-sm text-slate-500">No comments match these filters.</p>;
  return (
    <div className="space-y-3">
      <ul aria-label="Comments" className="space-y-3">
        {comments.map((c) => (
          <li key={c.id}>
            <article aria-label={`Comment by ${c.authorName}`} className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-slate-200">
              <header className="flex flex-wrap items-baseline gap-x-2 text-xs text-slate-600">
                <span className="font-medium text-slate-900">{c.channel.name}</span>
                <span>{c.channel.platform === "INSTAGRAM" ? "Instagram" : "Facebook Page"}</span>
                {c.post.isAd ? <span className="rounded bg-amber-100 px-1.5 font-medium text-amber-900">Ad{c.post.adTitle ? `: ${c.post.adTitle}` : ""}</span> : null}
                <span className="truncate">
                  on{" "}
                  {c.post.permalink ? (
                    <a href={c.post.permalink} target="_blank" rel="noreferrer" className="underline">
                      {c.post.caption ?? "the post"}
                    </a>
                  ) : (
                    (c.post.caption ?? "a post")
                  )}
                </span>
                <span className="ml-auto">{c.deadline ? <>Private reply until {formatDateTime(c.deadline, timeZone)}</> : "Live comment: private reply only during the broadcast"}</span>
              </header>
              <ol aria-label={`Timeline of the comment by ${c.authorName}`} className="space-y-2">
                {c.entries.map((e) => (
                  <Entry key={`${e.kind}-${e.id}`} entry={e} timeZone={timeZone} />
                ))}
              </ol>
            </article>
          </li>
        ))}
      </ul>
      {nextHref ? (
        <Link href={nextHref} className="inline-block text-sm font-medium text-brand underline">
          Older comments
        </Link>
      ) : null}
    </div>
  );
}
