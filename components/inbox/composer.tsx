"use client";

// The reply box. It always shows the mode the server will use — decided by the window policy, re-evaluated
// every second with the shared clock — and changes unmistakably at our 23 h 55 m cut-over: amber, a person
// icon, "Human agent reply", and a one-time confirmation per conversation that replies are written by a
// person. Past 7 days (or without the Human Agent feature) it is disabled and says what the business can
// still do. Enter sends, Shift+Enter adds a line; private notes are written here too.
import { useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ModalDialog } from "@/components/ui/modal-dialog";
import type { ConversationListItem } from "@/lib/conversations/conversation-view";
import { formatRemaining } from "@/lib/conversations/window-countdown";
import type { MessageView } from "@/lib/messages/message-view";
import type { ChannelSendState } from "@/lib/messages/send-state";
import { ChannelStatusBanner } from "./channel-status-banner";
import { WINDOW_REASON_TEXT } from "@/lib/policy/window-policy";
import { BanIcon, ClockIcon, CloseIcon, FileIcon, LockIcon, PaperclipIcon, ReplyIcon, SendIcon, UserIcon } from "./icons";
import { humanAgentConfirmed, rememberHumanAgentConfirmed, useDraft } from "./use-draft";
import { useNow } from "./use-now";
import type { SendOutcome } from "./use-pending-sends";
import { ACCEPTED_FILE_TYPES, checkAttachment, uploadFile, type UploadedFile } from "./upload-rules";
import { decisionFor } from "./window-badge";
import { splitOutgoing } from "@/lib/messages/split-outgoing";

const TYPING_EVERY_MS = 5_000;
/** Human-agent and note actions are amber like their mode (amber-700 keeps white text readable). */
const AMBER_BUTTON =
  "inline-flex items-center justify-center gap-1.5 rounded-md bg-amber-700 font-medium text-white transition-colors hover:bg-amber-800 disabled:cursor-not-allowed disabled:bg-slate-300";

type Attachment = { localId: string; fileName: string; state: "uploading" | "ready"; upload?: UploadedFile };

/**
 * Length limits of what the server accepts (lib/validations): handed down by the server page, so the
 * browser bundle does not carry the validation library for three numbers.
 */
export interface TextLimits {
  messenger: number;
  instagram: number;
  note: number;
}

export interface ComposerSend {
  text: string | null;
  attachments: { uploadId: string; fileName: string; contentType: string; url: string }[];
  replyToMessageId: string | null;
}

export function Composer({
  conversation,
  contactName,
  textareaRef,
  replyTo,
  onClearReply,
  onSend,
  onAddNote,
  limits,
  channelState = null,
}: {
  conversation: Pick<ConversationListItem, "id" | "channel" | "lastInboundAt" | "lastInboundKind">;
  contactName: string;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  replyTo: MessageView | null;
  onClearReply: () => void;
  onSend: (send: ComposerSend) => Promise<SendOutcome>;
  onAddNote: (body: string) => Promise<unknown>;
  limits: TextLimits;
  /** The channel's live state (token, connection): a banner says when replies cannot go out. */
  channelState?: ChannelSendState | null;
}) {
  const now = useNow();
  const decision = decisionFor(conversation, now);
  const [mode, setMode] = useState<"reply" | "note">("reply");
  const [draft, setDraft] = useDraft(conversation.id);
  const [noteText, setNoteText] = useState("");
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [savingNote, setSavingNote] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const lastTyping = useRef(0);

  // The cut-over happening while the thread is open is announced once.
  const [seenStage, setSeenStage] = useState(decision.stage);
  const [stageNotice, setStageNotice] = useState<string | null>(null);
  if (seenStage !== decision.stage) {
    setSeenStage(decision.stage);
    setStageNotice(
      decision.stage === "HUMAN_AGENT" && decision.allowed
        ? "The 24-hour window just ended: replies now go out as human agent messages."
        : decision.stage === "CLOSED"
          ? "The reply window just closed."
          : null,
    );
  }

  const isNote = mode === "note";
  const limit = conversation.channel.platform === "INSTAGRAM" ? limits.instagram : limits.messenger;
  const text = isNote ? noteText : draft;
  const max = isNote ? limits.note : limit;
  const overLimit = text.length > max;
  const uploading = attachments.some((a) => a.state === "uploading");
  const ready = attachments.filter((a) => a.state === "ready" && a.upload).map((a) => a.upload!);
  const blocked = !isNote && !decision.allowed;
  const humanAgent = !isNote && decision.allowed && decision.stage === "HUMAN_AGENT";
  const canSubmit = !blocked && !overLimit && !uploading && !savingNote && (text.trim().length > 0 || (!isNote && ready.length > 0));

  function sendReply() {
    // Meta takes text and files as separate messages: files first (images together), then the text.
    const parts: ComposerSend[] = splitOutgoing(conversation.channel.platform, {
      text: draft.trim() || null,
      attachments: ready.map((u) => ({ uploadId: u.id, fileName: u.fileName, contentType: u.contentType, url: u.url })),
      replyToMessageId: replyTo?.id ?? null,
    });
    const sentDraft = draft;
    setDraft("");
    setAttachments([]);
    onClearReply();
    setError(null);
    void (async () => {
      for (const part of parts) {
        const outcome = await onSend(part);
        // Sent, or kept in the outbox with its Retry: go on with the next part.
        if (outcome.ok || outcome.kind === "unsent") continue;
        // Refused before it went out: the rest is not sent; the text (always the last part) comes back.
        setDraft(sentDraft);
        setError(outcome.message);
        return;
      }
    })();
  }

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!canSubmit) return;
    if (isNote) {
      setSavingNote(true);
      setError(null);
      try {
        await onAddNote(noteText.trim());
        setNoteText("");
      } catch (e) {
        setError((e as Error).message);
      } finally {
        setSavingNote(false);
      }
      return;
    }
    if (humanAgent && !humanAgentConfirmed(conversation.id)) {
      setConfirming(true);
      return;
    }
    sendReply();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
    if (event.key === "Escape" && replyTo) onClearReply();
  }

  function onChange(value: string) {
    if (isNote) {
      setNoteText(value);
      return;
    }
    setDraft(value);
    const t = Date.now();
    if (value.trim() && decision.allowed && t - lastTyping.current > TYPING_EVERY_MS) {
      lastTyping.current = t;
      // Meta's typing indicator: best effort, at most one call per 5 s.
      void fetch(`/api/conversations/${encodeURIComponent(conversation.id)}/typing`, { method: "POST" }).catch(() => {});
    }
  }

  async function onFiles(files: FileList | null) {
    for (const file of Array.from(files ?? [])) {
      const problem = checkAttachment(file);
      if (problem) {
        setError(problem);
        continue;
      }
      const localId = crypto.randomUUID();
      setAttachments((list) => [...list, { localId, fileName: file.name, state: "uploading" }]);
      try {
        const upload = await uploadFile(file);
        setAttachments((list) => list.map((a) => (a.localId === localId ? { ...a, state: "ready", upload } : a)));
      } catch (e) {
        setAttachments((list) => list.filter((a) => a.localId !== localId));
        setError((e as Error).message);
      }
    }
    if (fileInput.current) fileInput.current.value = "";
  }

  const reason = !decision.allowed ? WINDOW_REASON_TEXT[decision.reason] : null;
  const remaining = decision.allowed ? formatRemaining(decision.deadline.getTime() - now.getTime()) : null;

  return (
    <form
      aria-label={isNote ? "Private note" : "Reply"}
      onSubmit={(e) => void submit(e)}
      data-composer-mode={isNote ? "note" : blocked ? "blocked" : humanAgent ? "human-agent" : "standard"}
      className={cn(
        "shrink-0 border-t-4 bg-white px-4 pt-2 pb-3 transition-colors",
        isNote ? "border-amber-300 bg-amber-50/60" : blocked ? "border-slate-300 bg-slate-50" : humanAgent ? "border-window-human bg-window-human-soft" : "border-window-open",
      )}
    >
      {isNote ? null : <ChannelStatusBanner channel={channelState} />}
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <div className="inline-flex rounded-md bg-slate-100 p-0.5 text-xs font-medium" role="group" aria-label="Write">
          <button
            type="button"
            aria-pressed={!isNote}
            onClick={() => setMode("reply")}
            className={cn("rounded px-2.5 py-1", !isNote ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900")}
          >
            Reply
          </button>
          <button
            type="button"
            aria-pressed={isNote}
            onClick={() => setMode("note")}
            className={cn("inline-flex items-center gap-1 rounded px-2.5 py-1", isNote ? "bg-white text-amber-900 shadow-sm" : "text-slate-600 hover:text-slate-900")}
          >
            <LockIcon className="size-3" />
            Private note
          </button>
        </div>
        {isNote ? (
          <p className="text-xs text-amber-900">Only your team sees notes. Nothing is sent to {contactName}.</p>
        ) : blocked ? (
          <p className="inline-flex items-center gap-1.5 text-xs font-semibold text-slate-700" id={`composer-mode-${conversation.id}`}>
            <BanIcon className="size-4 text-slate-500" />
            {reason?.title}
          </p>
        ) : humanAgent ? (
          <p className="inline-flex items-center gap-1.5 text-xs font-semibold text-amber-900" id={`composer-mode-${conversation.id}`}>
            <UserIcon className="size-4" />
            Human agent reply · HUMAN_AGENT tag · {remaining} left
          </p>
        ) : (
          <p className="inline-flex items-center gap-1.5 text-xs font-semibold text-emerald-800" id={`composer-mode-${conversation.id}`}>
            <ClockIcon className="size-4" />
            Normal reply · {remaining} left in the 24-hour window
          </p>
        )}
      </div>

      <p className="sr-only" role="status" aria-live="polite">
        {stageNotice}
      </p>
      {stageNotice && !isNote ? (
        <p className={cn("mb-2 rounded-md px-3 py-1.5 text-xs font-medium", humanAgent ? "bg-amber-100 text-amber-900" : "bg-slate-200 text-slate-800")} aria-hidden="true">
          {stageNotice}
        </p>
      ) : null}

      {blocked && reason ? (
        <div className="rounded-md bg-white px-3 py-2.5 text-sm text-slate-700 ring-1 ring-slate-300 ring-inset">
          <p>{reason.detail}</p>
          <p className="mt-1 text-xs text-slate-500">You can still add a private note for your team.</p>
        </div>
      ) : (
        <>
          {humanAgent ? (
            <p className="mb-2 text-xs text-amber-900">
              More than 24 hours since {contactName}&apos;s last message. Meta allows only replies written by a person now — no automated or
              templated messages.
            </p>
          ) : null}
          {replyTo && !isNote ? (
            <div className="mb-2 flex items-center gap-2 rounded-md bg-slate-100 px-2.5 py-1.5 text-xs text-slate-700">
              <ReplyIcon className="size-3.5 shrink-0" />
              <span className="min-w-0 flex-1 truncate">
                Replying to: {replyTo.text ?? (replyTo.attachments.length ? "an attachment" : "a message")}
              </span>
              <button type="button" onClick={onClearReply} className="rounded p-0.5 hover:bg-slate-200" aria-label="Cancel the reply to this message">
                <CloseIcon className="size-3.5" />
              </button>
            </div>
          ) : null}
          {attachments.length && !isNote ? (
            <ul className="mb-2 flex flex-wrap gap-1.5" aria-label="Attachments">
              {attachments.map((a) => (
                <li key={a.localId} className="inline-flex max-w-full items-center gap-1.5 rounded-md bg-white px-2 py-1 text-xs text-slate-700 ring-1 ring-slate-300">
                  <FileIcon className="size-3.5 shrink-0" />
                  <span className="truncate">{a.fileName}</span>
                  {a.state === "uploading" ? <span className="text-slate-500">uploading…</span> : null}
                  <button
                    type="button"
                    onClick={() => setAttachments((list) => list.filter((x) => x.localId !== a.localId))}
                    className="rounded p-0.5 hover:bg-slate-100"
                    aria-label={`Remove ${a.fileName}`}
                  >
                    <CloseIcon className="size-3" />
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <label htmlFor={`composer-${conversation.id}`} className="sr-only">
            {isNote ? "Private note" : humanAgent ? `Human agent reply to ${contactName}` : `Reply to ${contactName}`}
          </label>
          <textarea
            ref={textareaRef}
            id={`composer-${conversation.id}`}
            value={text}
            onChange={(e) => onChange(e.target.value)}
            onKeyDown={onKeyDown}
            rows={3}
            aria-describedby={`composer-count-${conversation.id}${error ? ` composer-error-${conversation.id}` : ""}`}
            aria-invalid={overLimit || undefined}
            placeholder={isNote ? "Write a note for your team…" : humanAgent ? "Write your reply as a human agent…" : `Reply to ${contactName}…`}
            className={cn(
              "block max-h-48 min-h-[4.5rem] w-full resize-y rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-inset placeholder:text-slate-500 focus:ring-2 focus:outline-none",
              isNote ? "ring-amber-300 focus:ring-amber-500" : humanAgent ? "ring-window-human focus:ring-amber-600" : "ring-slate-300 focus:ring-brand",
            )}
          />
        </>
      )}

      {error ? (
        <p id={`composer-error-${conversation.id}`} role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}

      <div className="mt-2 flex items-center gap-2">
        {!isNote && !blocked ? (
          <>
            <input ref={fileInput} type="file" multiple accept={ACCEPTED_FILE_TYPES} className="sr-only" tabIndex={-1} aria-hidden="true" onChange={(e) => void onFiles(e.target.files)} />
            <Button variant="ghost" size="sm" onClick={() => fileInput.current?.click()} aria-label="Attach a file">
              <PaperclipIcon className="size-4" />
              Attach
            </Button>
          </>
        ) : null}
        <span id={`composer-count-${conversation.id}`} className={cn("ml-auto text-xs tabular-nums", overLimit ? "font-semibold text-red-700" : humanAgent ? "text-amber-900" : "text-slate-600")}>
          {blocked ? "" : `${text.length.toLocaleString("en-GB")} / ${max.toLocaleString("en-GB")}`}
          <span className="sr-only"> characters{overLimit ? ", too long" : ""}</span>
        </span>
        {blocked ? null : humanAgent || isNote ? (
          <button type="submit" disabled={!canSubmit} className={cn(AMBER_BUTTON, "h-8 px-2.5 text-sm")}>
            {isNote ? <LockIcon className="size-4" /> : <UserIcon className="size-4" />}
            {isNote ? (savingNote ? "Adding…" : "Add note") : "Send as human agent"}
          </button>
        ) : (
          <Button type="submit" size="sm" disabled={!canSubmit}>
            <SendIcon className="size-4" />
            Send
          </Button>
        )}
      </div>

      <ModalDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title="Send as a human agent?"
        description={
          <>
            More than 24 hours have passed since {contactName}&apos;s last message. Meta allows this reply only with the HUMAN_AGENT tag,
            which is for messages written by a person for this conversation — never automated or templated replies.
          </>
        }
      >
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
          <button
            type="button"
            className={cn(AMBER_BUTTON, "h-10 px-4 text-sm")}
            onClick={() => {
              rememberHumanAgentConfirmed(conversation.id);
              setConfirming(false);
              sendReply();
            }}
          >
            <UserIcon className="size-4" />I wrote this reply — send
          </button>
        </div>
      </ModalDialog>
    </form>
  );
}
