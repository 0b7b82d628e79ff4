// The read-only timeline of one conversation (no hooks: rendered on the server first, then by the live view).
import { cn } from "@/components/ui/cn";
import { formatDateTime } from "@/lib/reports/format-duration";
import { PRIVATE_REPLY_DECISION, type TimelineEntry } from "@/lib/review/build-timeline";

const STATUS = { OPEN: "Open", PENDING: "Pending", SNOOZED: "Snoozed", RESOLVED: "Resolved" } as Record<string, string>;

const hours = (h: number | null) => (h === null ? null : `${(Math.round(h * 10) / 10).toLocaleString("en-GB")} h`);

function When({ at, timeZone }: { at: string; timeZone: string }) {
  return (
    <time dateTime={at} className="text-xs text-slate-600">
      {formatDateTime(at, timeZone)}
    </time>
  );
}

function SystemLine({ at, timeZone, children, tone = "neutral" }: { at: string; timeZone: string; children: React.ReactNode; tone?: "neutral" | "danger" }) {
  return (
    <li className="flex items-center gap-3 py-1">
      <span className={cn("h-px flex-1", tone === "danger" ? "bg-red-200" : "bg-slate-200")} aria-hidden="true" />
      <span className={cn("max-w-xl text-center text-xs", tone === "danger" ? "text-red-800" : "text-slate-600")}>
        {children} · <When at={at} timeZone={timeZone} />
      </span>
      <span className={cn("h-px flex-1", tone === "danger" ? "bg-red-200" : "bg-slate-200")} aria-hidden="true" />
    </li>
  );
}

function MessageEntry({ entry, timeZone }: { entry: Extract<TimelineEntry, { kind: "message" }>; timeZone: string }) {
  const m = entry.message;
  const outbound = m.direction === "OUTBOUND";
  const failed = m.sendStatus === "FAILED";
  return (
    <li className={cn("flex", outbound ? "justify-end" : "justify-start")}>
      <article
        aria-label={`${outbound ? "Reply" : "Message"} from ${entry.senderName}`}
        className={cn(
          "max-w-xl space-y-1.5 rounded-lg px-3 py-2 text-sm ring-1",
          outbound ? (failed ? "bg-white ring-red-300" : "bg-brand-soft ring-indigo-200") : "bg-white ring-slate-200",
        )}
      >
        <header className="flex flex-wrap items-baseline gap-x-2">
          <span className="font-medium text-slate-900">{entry.senderName}</span>
          {m.kind !== "MESSAGE" ? <span className="text-xs text-slate-500">{m.kind === "POSTBACK" ? "tapped a button" : "came from a link or ad"}</span> : null}
          <When at={m.sentAt} timeZone={timeZone} />
        </header>
        {m.deletedAt ? <p className="italic text-slate-500">Unsent by the person</p> : m.text ? <p className="whitespace-pre-wrap text-slate-800">{m.text}</p> : null}
        {m.attachments.length ? <p className="text-xs text-slate-500">{m.attachments.length} attachment(s): {m.attachments.map((a) => a.type).join(", ")}</p> : null}
        {outbound ? (
          <p className="text-xs text-slate-600">
            {m.messagingType ? (
              <span className={cn("font-mono", m.tag === "HUMAN_AGENT" ? "text-amber-800" : "text-emerald-800")}>
                {m.messagingType}
                {m.tag ? ` + ${m.tag}` : ""}
              </span>
            ) : (
              <span>Sent outside this app</span>
            )}
            {m.hoursSinceInbound !== null ? <> · {hours(m.hoursSinceInbound)} after the person&apos;s last message</> : null}
            {m.sendStatus ? <> · {m.sendStatus === "SENT" ? "Sent" : m.sendStatus === "FAILED" ? "Failed" : "Pending"}</> : null}
          </p>
        ) : null}
        {entry.decision ? (
          <p className="text-xs text-slate-500">
            {entry.decision.reason === PRIVATE_REPLY_DECISION ? "Private-reply policy" : "Window policy"}: {entry.decision.title}
            {entry.decision.deadline ? <> · allowed until {formatDateTime(entry.decision.deadline, timeZone)}</> : null}
          </p>
        ) : null}
        {entry.decision?.savedReply ? (
          <p className={cn("text-xs", !entry.decision.savedReply.edited && m.tag === "HUMAN_AGENT" ? "font-medium text-red-800" : "text-slate-500")}>
            From saved reply /{entry.decision.savedReply.shortcut} ({entry.decision.savedReply.name}) ·{" "}
            {entry.decision.savedReply.edited ? "changed by the agent" : "sent unedited"}
          </p>
        ) : null}
        {m.error ? (
          <div className="space-y-0.5 rounded-md bg-window-urgent-soft px-2 py-1.5 text-xs text-red-900">
            <p>{m.error.message}</p>
            <p className="font-mono text-[11px] text-red-800">
              Meta error {m.error.code ?? "?"}
              {m.error.subcode ? `/${m.error.subcode}` : ""} · fbtrace_id {m.error.fbtraceId ?? "none"}
            </p>
          </div>
        ) : null}
        {entry.failures.filter((f) => !f.final).map((f) => (
          <p key={f.at} className="text-xs text-slate-500">
            Attempt failed at {formatDateTime(f.at, timeZone)} and was retried: {f.explanation} (fbtrace_id {f.fbtraceId ?? "none"})
          </p>
        ))}
      </article>
    </li>
  );
}

function Entry({ entry, timeZone }: { entry: TimelineEntry; timeZone: string }) {
  switch (entry.kind) {
    case "message":
      return <MessageEntry entry={entry} timeZone={timeZone} />;
    case "assigned":
      return (
        <SystemLine at={entry.at} timeZone={timeZone}>
          {entry.toName
            ? `${entry.actorName} ${entry.fromName ? `reassigned it from ${entry.fromName} to` : "assigned it to"} ${entry.toName}`
            : `${entry.actorName} unassigned it${entry.fromName ? ` from ${entry.fromName}` : ""}`}
        </SystemLine>
      );
    case "status":
      return (
        <SystemLine at={entry.at} timeZone={timeZone}>
          {entry.to === "RESOLVED"
            ? `${entry.actorName} resolved the conversation`
            : `${entry.actorName} changed the status from ${STATUS[entry.from] ?? entry.from} to ${STATUS[entry.to] ?? entry.to}`}
          {entry.snoozedUntil ? ` until ${formatDateTime(entry.snoozedUntil, timeZone)}` : ""}
        </SystemLine>
      );
    case "note":
      return (
        <li className="flex justify-center">
          <aside aria-label={`Note by ${entry.authorName}`} className="max-w-xl rounded-lg bg-amber-50 px-3 py-2 text-sm ring-1 ring-amber-200">
            <p className="text-xs font-medium text-amber-900">
              Private note by {entry.authorName} · <When at={entry.at} timeZone={timeZone} />
            </p>
            <p className="whitespace-pre-wrap text-slate-800">{entry.body}</p>
          </aside>
        </li>
      );
    case "blocked":
      return (
        <li className="flex justify-end">
          <article aria-label={`Blocked send by ${entry.actorName}`} className="max-w-xl space-y-1 rounded-lg border border-dashed border-red-300 bg-white px-3 py-2 text-sm">
            <header className="flex flex-wrap items-baseline gap-x-2">
              <span className="font-medium text-red-800">Send blocked: {entry.title}</span>
              <When at={entry.at} timeZone={timeZone} />
            </header>
            <p className="text-slate-700">
              {entry.actorName} tried to send{entry.textLength !== null ? ` ${entry.textLength} characters` : ""}; nothing went to Meta.
            </p>
            <p className="text-xs text-slate-600">
              {entry.deadline ? <>Deadline that passed: {formatDateTime(entry.deadline, timeZone)}</> : "There was no window to reply in"}
              {entry.hoursSinceInbound !== null ? <> · {hours(entry.hoursSinceInbound)} after the person&apos;s last message</> : null}
            </p>
            <p className="text-xs text-slate-500">{entry.detail}</p>
          </article>
        </li>
      );
    case "lapse":
      return (
        <SystemLine at={entry.at} timeZone={timeZone} tone="danger">
          {entry.window === "24h"
            ? `The 24-hour window lapsed without a reply (message of ${formatDateTime(entry.openedAt, timeZone)})`
            : `The 7-day window closed without a reply (message of ${formatDateTime(entry.openedAt, timeZone)}): no reply is possible until the person writes again`}
        </SystemLine>
      );
    case "other":
      return (
        <SystemLine at={entry.at} timeZone={timeZone}>
          {entry.actorName}: {entry.type}
        </SystemLine>
      );
  }
}

export function ReviewTimeline({ entries, timeZone }: { entries: TimelineEntry[]; timeZone: string }) {
  if (entries.length === 0) return <p className="text-sm text-slate-500">Nothing has happened in this conversation yet.</p>;
  return (
    <ol aria-label="Timeline" className="space-y-3">
      {entries.map((entry) => (
        <Entry key={`${entry.kind}-${entry.id}`} entry={entry} timeZone={timeZone} />
      ))}
    </ol>
  );
}
