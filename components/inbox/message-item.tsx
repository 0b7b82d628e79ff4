"use client";

// One entry of the thread. Each kind looks different on purpose: the person (left, white), our agents
// (right, brand colour), automation (right, dark), echoes from other apps such as Meta Business Suite (right,
// dashed violet: sent outside this inbox), private notes (centred, amber, never sent), button taps and
// referrals (system lines).
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { formatClock, formatDateTime } from "@/lib/conversations/format-time";
import type { DeliveryState, PendingSend } from "@/lib/conversations/thread-items";
import type { AttachmentView, MessageView } from "@/lib/messages/message-view";
import { safeHttpUrl, safeImageSrc } from "@/lib/messages/safe-links";
import { formatWaiting, retryCanHelp, waitingNote, type ChannelSendState } from "@/lib/messages/send-state";
import type { NoteView } from "@/lib/notes/note-view";
import { ExternalLink, LinkedText } from "./external-link";
import { ViewableImage } from "./image-viewer";
import {
  AlertIcon,
  AppsIcon,
  BotIcon,
  CheckDoubleIcon,
  CheckIcon,
  FileIcon,
  HourglassIcon,
  LinkIcon,
  LockIcon,
  PointerIcon,
  ReplyIcon,
  RetryIcon,
  UserIcon,
} from "./icons";
import { useNow } from "./use-now";

/** App ids of Meta's own inboxes (Page Inbox / Business Suite, Instagram Inbox) as echoes carry them (REFERENCE.md). */
const META_INBOX_APP_IDS = new Set(["263902037430900", "1217981644879628"]);

/** Until the send API answers, a reply is "Sending…"; after this it is waiting for Meta. */
const SENDING_MS = 2_000;

export interface MessageContext {
  timeZone: string;
  contactName: string;
  /** Messages by mid, for replies that quote an earlier message. */
  byMid: Map<string, MessageView>;
  onReply?: (message: MessageView) => void;
  onRetry?: (messageId: string) => void;
  retrying?: string | null;
  /** The conversation's channel now (null while unknown): Retry is offered when it can help. */
  channel?: ChannelSendState | null;
}

/**
 * A reply Meta has not confirmed yet: "Waiting for Meta… 42 s", counted from when it was sent. The outbox
 * settles it by itself (the echo, a read of the thread at Meta, a retry), never sending it twice.
 */
function WaitingForMeta({ since }: { since: string }) {
  const waited = useNow().getTime() - Date.parse(since);
  return (
    <span className="inline-flex items-center gap-1 font-medium text-amber-800" data-send-state="waiting">
      <HourglassIcon className="size-3.5" />
      {waited < SENDING_MS ? "Sending…" : `Waiting for Meta… ${formatWaiting(waited)}`}
    </span>
  );
}

function Time({ at, timeZone }: { at: string; timeZone: string }) {
  return (
    <time dateTime={at} title={formatDateTime(new Date(at), timeZone)}>
      {formatClock(new Date(at), timeZone)}
    </time>
  );
}

/** What Meta's share-like attachment types are, in the agent's words (ig_post replaced `share` in Apr 2026). */
const SHARED: Record<string, string> = {
  ig_post: "Shared post",
  share: "Shared post",
  post: "Shared post",
  ig_reel: "Shared reel",
  reel: "Shared reel",
  story_mention: "Mentioned your account in their story",
};

function Attachment({ attachment, outbound }: { attachment: AttachmentView; outbound: boolean }) {
  const label =
    attachment.name ?? attachment.title ?? SHARED[attachment.type] ?? (attachment.type === "image" ? "Image" : attachment.type === "sticker" ? "Sticker" : "Attachment");
  if (!attachment.url) {
    return <p className="text-xs italic opacity-80">{label}: no longer available from Meta</p>;
  }
  // Customers' URLs are links only when they are web addresses (no javascript:, data:…); an inline
  // image may still be shown as an image.
  const url = safeHttpUrl(attachment.url);
  const imageSrc = safeImageSrc(attachment.url);
  if (imageSrc && (attachment.type === "image" || attachment.type === "sticker")) {
    return (
      <ViewableImage
        src={imageSrc}
        href={url}
        alt={attachment.title ?? (attachment.type === "sticker" ? "Sticker" : "Image attachment")}
        // A frame of at least 6 rem keeps small or broken images visible and clickable.
        className={cn("max-h-64 max-w-full rounded-lg object-contain", attachment.type === "sticker" ? "max-h-24" : "min-h-24 min-w-24 bg-slate-100")}
      />
    );
  }
  if (url && attachment.type === "video") {
    return <video controls preload="none" src={url} className="max-h-64 max-w-full rounded-lg bg-slate-900" aria-label={label} />;
  }
  if (url && attachment.type === "audio") {
    return <audio controls preload="none" src={url} className="max-w-full" aria-label={label} />;
  }
  return (
    <ExternalLink
      href={url}
      className={cn(
        "flex items-center gap-2 rounded-md px-2.5 py-2 text-sm underline-offset-2",
        url ? "hover:underline" : "",
        outbound ? "bg-white/15" : "bg-slate-100 text-slate-800",
      )}
    >
      {SHARED[attachment.type] ? <LinkIcon className="size-4 shrink-0" /> : <FileIcon className="size-4 shrink-0" />}
      <span className="truncate">{attachment.title && SHARED[attachment.type] ? `${SHARED[attachment.type]}: ${attachment.title}` : label}</span>
      {url ? null : <span className="shrink-0 text-xs opacity-80">(not a web link)</span>}
    </ExternalLink>
  );
}

/** An Instagram story reply: which story the person answered (Meta's `reply_to.story`), with its preview. */
function RepliedToStory({ message, outbound }: { message: MessageView; outbound: boolean }) {
  const story = message.replyToStory;
  if (!story) return null;
  const url = safeHttpUrl(story.url);
  return (
    <div className={cn("mb-1.5 border-l-2 pl-2 text-xs", outbound ? "border-white/60 text-white/85" : "border-pink-300 text-slate-600")} data-story-reply>
      <span className="font-medium">Replied to your story</span>
      {url ? (
        <ExternalLink href={url} className="mt-1 block w-fit underline-offset-2 hover:underline">
          {/* Meta's story URLs expire (stories last 24 h): when the preview no longer loads, the link remains. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img
            src={url}
            alt="The story"
            loading="lazy"
            className="max-h-32 rounded-md bg-slate-100 object-contain"
            onError={(e) => {
              e.currentTarget.hidden = true;
            }}
          />
          <span className="inline-flex items-center gap-1">
            <LinkIcon className="size-3" />
            Open the story
          </span>
        </ExternalLink>
      ) : (
        <span className="block italic opacity-80">The story is no longer available from Meta</span>
      )}
    </div>
  );
}

const DELIVERY: Record<DeliveryState, { label: string; icon: ReactNode }> = {
  sending: { label: "Waiting for Meta…", icon: <HourglassIcon className="size-3.5" /> },
  sent: { label: "Sent", icon: <CheckIcon className="size-3.5" /> },
  delivered: { label: "Delivered", icon: <CheckDoubleIcon className="size-3.5" /> },
  read: { label: "Read", icon: <CheckDoubleIcon className="size-3.5 text-brand" /> },
  failed: { label: "Not sent", icon: <AlertIcon className="size-3.5 text-red-700" /> },
};

function TagChip({ message }: { message: MessageView }) {
  if (message.tag === "HUMAN_AGENT") {
    return (
      <span className="inline-flex items-center gap-1 rounded bg-window-human-soft px-1 py-px text-[11px] font-medium text-amber-900 ring-1 ring-window-human/40 ring-inset">
        <UserIcon className="size-3" />
        Human agent tag
      </span>
    );
  }
  if (message.messagingType === "RESPONSE") {
    return <span className="rounded bg-window-open-soft px-1 py-px text-[11px] font-medium text-emerald-800">Response</span>;
  }
  if (message.messagingType) return <span className="rounded bg-slate-100 px-1 py-px text-[11px] font-medium text-slate-700">{message.messagingType}</span>;
  return null;
}

function Reactions({ message, alignRight }: { message: MessageView; alignRight: boolean }) {
  if (message.reactions.length === 0) return null;
  return (
    <ul className={cn("-mt-1.5 flex gap-1", alignRight ? "justify-end pr-2" : "pl-2")} aria-label="Reactions">
      {message.reactions.map((r) => (
        <li
          key={r.actor}
          className="rounded-full bg-white px-1.5 py-0.5 text-xs shadow-sm ring-1 ring-slate-200"
          title={`${r.actor === "CONTACT" ? "The person" : "Your Page"} reacted ${r.emoji ?? r.reaction ?? ""}`}
        >
          <span aria-hidden="true">{r.emoji ?? "👍"}</span>
          <span className="sr-only">
            {r.actor === "CONTACT" ? "The person" : "Your Page"} reacted {r.emoji ?? r.reaction}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Quoted({ message, context, outbound }: { message: MessageView; context: MessageContext; outbound: boolean }) {
  if (!message.replyToMid) return null;
  const quoted = context.byMid.get(message.replyToMid);
  return (
    <div className={cn("mb-1.5 border-l-2 pl-2 text-xs", outbound ? "border-white/60 text-white/85" : "border-slate-300 text-slate-600")}>
      <span className="font-medium">Replying to</span>{" "}
      {quoted ? (quoted.text ?? (quoted.attachments.length ? "an attachment" : "a message")) : "an earlier message"}
    </div>
  );
}

function Body({ message, context, outbound }: { message: MessageView; context: MessageContext; outbound: boolean }) {
  if (message.deletedAt) return <p className="text-sm italic opacity-80">This message was unsent.</p>;
  return (
    <>
      <Quoted message={message} context={context} outbound={outbound} />
      <RepliedToStory message={message} outbound={outbound} />
      {message.attachments.length ? (
        <div className="space-y-1.5">
          {message.attachments.map((a, i) => (
            <Attachment key={i} attachment={a} outbound={outbound} />
          ))}
        </div>
      ) : null}
      {message.text ? (
        <p className={cn("text-sm break-words whitespace-pre-wrap", message.attachments.length ? "mt-1.5" : "")}>
          <LinkedText text={message.text} />
        </p>
      ) : null}
      {!message.text && !message.attachments.length ? <p className="text-sm italic opacity-80">Message without text</p> : null}
    </>
  );
}

function SenderLabel({ message, contactName }: { message: MessageView; contactName: string }) {
  switch (message.senderKind) {
    case "AGENT":
      return (
        <span className="inline-flex items-center gap-1 font-medium text-slate-700">
          <UserIcon className="size-3" />
          {message.agent?.name ?? "An agent"}
        </span>
      );
    case "OUR_APP":
      return (
        <span className="inline-flex items-center gap-1 font-medium text-slate-700">
          <BotIcon className="size-3" />
          Automation
        </span>
      );
    case "OTHER_APP":
      return (
        <span className="inline-flex items-center gap-1 font-medium text-violet-800">
          <AppsIcon className="size-3" />
          {message.appId && META_INBOX_APP_IDS.has(message.appId) ? "Sent from Meta Business Suite" : "Sent from another app"}
        </span>
      );
    default:
      return <span className="font-medium text-slate-700">{contactName}</span>;
  }
}

export function MessageItem({ message, delivery, context }: { message: MessageView; delivery: DeliveryState | null; context: MessageContext }) {
  if (message.kind === "POSTBACK") {
    const title = typeof message.payload?.title === "string" ? message.payload.title : (message.text ?? "a button");
    return (
      <div className="flex justify-start">
        <p className="inline-flex items-center gap-1.5 rounded-full bg-sky-50 px-3 py-1 text-xs text-sky-900 ring-1 ring-sky-200 ring-inset">
          <PointerIcon className="size-3.5" />
          {context.contactName} tapped “{title}” · <Time at={message.sentAt} timeZone={context.timeZone} />
        </p>
      </div>
    );
  }
  if (message.kind === "REFERRAL") {
    const source = typeof message.payload?.source === "string" ? message.payload.source : null;
    const ref = typeof message.payload?.ref === "string" ? message.payload.ref : null;
    return (
      <div className="flex justify-center">
        <p className="inline-flex items-center gap-1.5 rounded-full bg-slate-100 px-3 py-1 text-xs text-slate-700">
          <LinkIcon className="size-3.5" />
          {context.contactName} arrived {source === "ADS" ? "from an ad" : "through a link"}
          {ref ? ` (${ref})` : ""} · <Time at={message.sentAt} timeZone={context.timeZone} />
        </p>
      </div>
    );
  }

  const outbound = message.direction === "OUTBOUND";
  const failed = message.sendStatus === "FAILED";
  const bubble = !outbound
    ? "bg-white text-slate-900 ring-1 ring-slate-200"
    : message.senderKind === "OTHER_APP"
      ? "bg-violet-50 text-slate-900 border border-dashed border-violet-300"
      : message.senderKind === "OUR_APP"
        ? "bg-slate-700 text-white"
        : "bg-brand text-white";
  const lightBubble = !outbound || message.senderKind === "OTHER_APP";
  return (
    <div className={cn("group flex flex-col gap-1", outbound ? "items-end" : "items-start")} data-message-id={message.id} data-sender-kind={message.senderKind}>
      <div className={cn("flex max-w-[80%] items-end gap-1.5", outbound ? "flex-row-reverse" : "")}>
        <div className={cn("min-w-0 rounded-2xl px-3 py-2 shadow-sm", outbound ? "rounded-br-md" : "rounded-bl-md", bubble, failed ? "ring-2 ring-red-400" : "")}>
          <Body message={message} context={context} outbound={outbound && !lightBubble} />
        </div>
        {context.onReply && !message.deletedAt && message.mid ? (
          <button
            type="button"
            onClick={() => context.onReply?.(message)}
            // Roving focus (thread-messages.tsx): one reply button is in the Tab order, arrows move between them.
            tabIndex={-1}
            data-reply-button=""
            className="rounded-full p-1 text-slate-500 opacity-0 group-hover:opacity-100 hover:bg-slate-200 hover:text-slate-800 focus-visible:opacity-100"
            aria-label={`Reply to this message${message.text ? `: ${message.text.slice(0, 40)}` : ""}`}
          >
            <ReplyIcon className="size-4" />
          </button>
        ) : null}
      </div>
      <Reactions message={message} alignRight={outbound} />
      <div className={cn("flex flex-wrap items-center gap-x-1.5 gap-y-0.5 px-1 text-[11px] text-slate-500", outbound ? "justify-end" : "")}>
        <SenderLabel message={message} contactName={context.contactName} />
        <span aria-hidden="true">·</span>
        <Time at={message.sentAt} timeZone={context.timeZone} />
        {message.editCount > 0 && !message.deletedAt ? (
          <span title={message.editedAt ? `Edited ${formatDateTime(new Date(message.editedAt), context.timeZone)}` : undefined}>· Edited</span>
        ) : null}
        {outbound && message.senderKind !== "OTHER_APP" ? <TagChip message={message} /> : null}
        {delivery === "sending" ? (
          <WaitingForMeta since={message.sentAt} />
        ) : delivery ? (
          <span className={cn("inline-flex items-center gap-0.5", delivery === "failed" ? "font-medium text-red-700" : "")}>
            {DELIVERY[delivery].icon}
            {DELIVERY[delivery].label}
          </span>
        ) : null}
      </div>
      {delivery === "sending" && message.error ? <p className="max-w-[80%] px-1 text-right text-[11px] text-slate-600">{waitingNote(message.error)}</p> : null}
      {failed && message.error ? (
        <div role="alert" className="flex max-w-[80%] items-start gap-2 rounded-lg bg-red-50 px-3 py-2 text-xs text-red-900 ring-1 ring-red-200 ring-inset">
          <AlertIcon className="mt-px size-4 shrink-0 text-red-700" />
          <div className="space-y-1">
            <p>{message.error.message}</p>
            {message.error.fbtraceId ? <p className="text-red-800/80">Meta trace id {message.error.fbtraceId}</p> : null}
          </div>
          {retryCanHelp(message.error, context.channel ?? null) && context.onRetry ? (
            <Button variant="danger" size="sm" className="h-7 shrink-0" disabled={context.retrying === message.id} onClick={() => context.onRetry?.(message.id)}>
              <RetryIcon className="size-3.5" />
              Retry
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

export function NoteItem({ note, timeZone }: { note: NoteView; timeZone: string }) {
  return (
    <div className="flex justify-center" data-note-id={note.id}>
      <div className="w-full max-w-[85%] rounded-lg bg-amber-50 px-3 py-2 ring-1 ring-amber-200 ring-inset">
        <p className="mb-1 flex items-center gap-1.5 text-[11px] font-medium text-amber-900">
          <LockIcon className="size-3" />
          Private note · {note.author?.name ?? "Former team member"} · <Time at={note.createdAt} timeZone={timeZone} />
        </p>
        <p className="text-sm break-words whitespace-pre-wrap text-slate-900">{note.body}</p>
      </div>
    </div>
  );
}

export function PendingItem({ send, onRetry, onDiscard }: { send: PendingSend; onRetry: (key: string) => void; onDiscard: (key: string) => void }) {
  const failed = send.state === "failed";
  return (
    <div className="flex flex-col items-end gap-1" data-pending-key={send.key}>
      <div className={cn("max-w-[80%] rounded-2xl rounded-br-md bg-brand px-3 py-2 text-white shadow-sm", failed ? "opacity-90 ring-2 ring-red-400" : "opacity-70")}>
        {send.attachments.map((a) => (
          <p key={a.uploadId} className="flex items-center gap-1.5 text-sm">
            <FileIcon className="size-4" />
            {a.fileName}
          </p>
        ))}
        {send.text ? <p className="text-sm break-words whitespace-pre-wrap">{send.text}</p> : null}
      </div>
      <div className="flex items-center gap-1 px-1 text-[11px] text-slate-500">
        {failed ? (
          <span className="inline-flex items-center gap-1 font-medium text-red-700">
            <AlertIcon className="size-3.5" />
            Not sent
          </span>
        ) : (
          <WaitingForMeta since={send.createdAt} />
        )}
      </div>
      {failed ? (
        <div role="alert" className="flex max-w-[80%] items-center gap-2 rounded-lg bg-red-50 px-3 py-2 text-xs text-red-900 ring-1 ring-red-200 ring-inset">
          <p>{send.error}</p>
          <Button variant="danger" size="sm" className="h-7 shrink-0" onClick={() => onRetry(send.key)}>
            <RetryIcon className="size-3.5" />
            Retry
          </Button>
          <Button variant="ghost" size="sm" className="h-7 shrink-0" onClick={() => onDiscard(send.key)}>
            Discard
          </Button>
        </div>
      ) : null}
    </div>
  );
}
