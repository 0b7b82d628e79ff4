"use client";

// The reply box. It always shows the mode the server will use — decided by the window policy, re-evaluated
// every second with the shared clock — and changes unmistakably at our 23 h 55 m cut-over: amber, a person
// icon, "Human agent reply", and a one-time confirmation per conversation that replies are written by a
// person. Past 7 days (or without the Human Agent feature) it is disabled and says what the business can
// still do. Enter sends, Shift+Enter adds a line; private notes are written here too.
//
// A reply is split into the messages Meta accepts by the rule set the send API applies
// (lib/messages/outbound-rules.ts); its files stay in the composer until the message carrying them is
// accepted. The pieces: composer-uploads (files), composer-typing (typing indicator), composer-note (note
// mode), composer-parts (mode bar, closed-window notice, file list, human-agent dialog).
import { useCallback, useRef, useState, type ClipboardEvent, type DragEvent, type FormEvent, type KeyboardEvent, type RefObject } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ConversationListItem } from "@/lib/conversations/conversation-view";
import { formatRemaining } from "@/lib/conversations/window-countdown";
import type { MessageView } from "@/lib/messages/message-view";
import { ACCEPTED_FILE_TYPES, measureText, splitOutgoing } from "@/lib/messages/outbound-rules";
import type { ChannelSendState } from "@/lib/messages/send-state";
import { ChannelStatusBanner } from "./channel-status-banner";
import { WINDOW_REASON_TEXT } from "@/lib/policy/window-policy";
import type { ReplyCollisionDetails } from "@/lib/error-codes";
import { AMBER_BUTTON, AttachmentList, BlockedNotice, ClosedDraft, CollisionWarning, ComposerModeBar, HumanAgentDialog, LastReplyWarning, type ComposerMode } from "./composer-parts";
import { dayKey, formatClock, formatDateTime } from "@/lib/conversations/format-time";
import { EXPIRING_STANDARD_WITHIN_MS } from "@/lib/conversations/inbox-folders";
import { timeZoneLabel } from "@/lib/conversations/snooze-options";
import { useNoteDraft } from "./composer-note";
import { useTypingSignal } from "./composer-typing";
import { useComposerUploads } from "./composer-uploads";
import { MentionList, useMentionPicker } from "./mention-picker";
import { SavedReplyList, useSavedReplyPicker } from "./saved-reply-picker";
import { isSavedReplyEdited } from "@/lib/saved-replies/render-saved-reply";
import { LockIcon, PaperclipIcon, ReplyIcon, CloseIcon, SendIcon, UserIcon } from "./icons";
import { humanAgentConfirmed, rememberHumanAgentConfirmed, useDraft } from "./use-draft";
import { useNow } from "./use-now";
import type { SendOutcome } from "./use-pending-sends";
import { decisionFor } from "./window-badge";

/**
 * Length limits of what the server accepts (lib/messages/outbound-rules.ts, lib/validations/notes.ts):
 * handed down by the server page. Instagram's is in UTF-8 bytes, the others in characters.
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
  /** The newest reply the agent had seen when they opened the thread or started the draft (reply collision check). */
  seenUpTo?: string | null;
  /** The saved reply inserted with `/` (on the part carrying the text): the server records whether it was changed. */
  savedReplyId?: string | null;
}

/** Before any message: a baseline for a thread that has none yet (every reply by someone else is news). */
const NOTHING_SEEN = "1970-01-01T00:00:00.000Z";

export function Composer({
  conversation,
  contactName,
  agentId,
  agentName,
  textareaRef,
  replyTo,
  onClearReply,
  onSend,
  onAddNote,
  limits,
  channelState = null,
  latestSeenAt = null,
  threadLoaded = false,
  onTyping,
  onStopTyping,
  timeZone,
  onLeave,
}: {
  conversation: Pick<ConversationListItem, "id" | "channel" | "contact" | "lastInboundAt" | "lastInboundKind">;
  contactName: string;
  /** The signed-in agent (the author of notes: not among the teammates `@` offers). */
  agentId: string;
  /** The signed-in agent's name: `{{agent.first_name}}` of saved replies. */
  agentName: string;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  replyTo: MessageView | null;
  onClearReply: () => void;
  onSend: (send: ComposerSend) => Promise<SendOutcome>;
  onAddNote: (body: string) => Promise<unknown>;
  limits: TextLimits;
  /** The channel's live state (token, connection): a banner says when replies cannot go out. */
  channelState?: ChannelSendState | null;
  /** The newest `recordedAt` among the thread's messages shown now, and whether the thread has loaded. */
  latestSeenAt?: string | null;
  threadLoaded?: boolean;
  /** Presence: the agent is typing a reply / stopped. */
  onTyping?: () => void;
  onStopTyping?: () => void;
  /** The account's zone: the time of the last possible reply is shown in it. */
  timeZone: string;
  /** Esc in the box: focus leaves it (the draft stays) so the inbox's single-key shortcuts work again. */
  onLeave?: () => void;
}) {
  const now = useNow();
  const decision = decisionFor(conversation, now);
  const platform = conversation.channel.platform;
  const [writing, setWriting] = useState<"reply" | "note">("reply");
  const [draft, setDraft] = useDraft(conversation.id);
  const note = useNoteDraft(onAddNote);
  const [error, setError] = useState<string | null>(null);
  const uploads = useComposerUploads(useCallback((message: string) => setError(message), []));
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const signalTyping = useTypingSignal(conversation.id, decision.allowed);
  // What the agent had seen when they opened the thread or started this draft: a reply by someone else
  // after it makes the send API answer reply_collision ("Sam replied 12 s ago — review before sending").
  const [seenUpTo, setSeenUpTo] = useState<string | undefined>(undefined);
  if (seenUpTo === undefined && threadLoaded) setSeenUpTo(latestSeenAt ?? NOTHING_SEEN);
  const [collision, setCollision] = useState<ReplyCollisionDetails | null>(null);

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

  const isNote = writing === "note";
  const blocked = !isNote && !decision.allowed;
  const humanAgent = !isNote && decision.allowed && decision.stage === "HUMAN_AGENT";
  const savedReplyContext = { contact: { name: conversation.contact.name }, agent: { name: agentName } };
  const picker = useSavedReplyPicker({
    channelId: conversation.channel.id,
    context: savedReplyContext,
    text: draft,
    setText: setDraft,
    textareaRef,
    enabled: !isNote && !blocked,
  });
  const mentions = useMentionPicker({ conversationId: conversation.id, agentId, text: note.text, setText: note.setText, textareaRef, enabled: isNote });
  const savedRepliesId = `saved-replies-${conversation.id}`;
  const teammatesId = `teammates-${conversation.id}`;
  // The box's picker: teammates (`@`) in a note, saved replies (`/`) in a reply.
  const textPicker = isNote ? mentions : picker;
  // The saved reply is still in the draft exactly as inserted (the server decides for real at send time).
  const savedReplyUnchanged = picker.inserted !== null && !isSavedReplyEdited(picker.inserted.rendered, draft);
  const mode: ComposerMode = isNote ? "note" : blocked ? "blocked" : humanAgent ? "human-agent" : "standard";
  const text = isNote ? note.text : draft;
  // Replies are measured as the API measures them (Instagram in UTF-8 bytes); notes in characters.
  const measured = isNote
    ? { used: note.text.length, limit: limits.note, unit: "characters" as const }
    : { ...measureText(platform, draft), limit: platform === "INSTAGRAM" ? limits.instagram : limits.messenger };
  const overLimit = measured.used > measured.limit;
  const canSubmit =
    !blocked && !overLimit && !uploads.busy && !sending && !note.saving && (text.trim().length > 0 || (!isNote && uploads.ready.length > 0));

  async function sendReply() {
    // Meta takes text and files as separate messages: files first (images together), then the text.
    const savedReplyId = picker.inserted?.id ?? null;
    const parts: ComposerSend[] = splitOutgoing(platform, {
      text: draft.trim() || null,
      attachments: uploads.ready.map((u) => ({ uploadId: u.id, fileName: u.fileName, contentType: u.contentType, url: u.url })),
      replyToMessageId: replyTo?.id ?? null,
    }).map((part) => ({ ...part, seenUpTo: seenUpTo ?? null, savedReplyId: part.text ? savedReplyId : null }));
    const sentDraft = draft;
    // The text shows in the thread at once as a pending reply, so it leaves the box now (and comes back if
    // refused); the files stay, marked as sending, until their message is accepted.
    setDraft("");
    onClearReply();
    setError(null);
    setCollision(null);
    onStopTyping?.();
    setSending(true);
    uploads.markSending(
      parts.flatMap((p) => p.attachments.map((a) => a.uploadId)),
      true,
    );
    try {
      for (const [index, part] of parts.entries()) {
        const outcome = await onSend(part);
        // Sent, or kept in the outbox with its Retry (which carries the files): this part is accepted.
        if (outcome.ok || outcome.kind === "unsent") {
          uploads.settle(part.attachments.map((a) => a.uploadId));
          continue;
        }
        // Refused before it went out: this part and the rest were not sent; their files and the text come back.
        uploads.markSending(
          parts.slice(index).flatMap((p) => p.attachments.map((a) => a.uploadId)),
          false,
        );
        if (parts.at(-1)?.text) setDraft(sentDraft);
        if (outcome.kind === "collision") {
          // Seen now: "Send anyway" (or Send) goes with the other reply acknowledged.
          setCollision(outcome.collision);
          setSeenUpTo(outcome.collision.repliedAt);
        } else {
          // A saved reply deleted meanwhile: the text stays, sent again it goes as the agent's own.
          if (outcome.kind === "refused" && outcome.field === "savedReplyId") picker.clearInserted();
          setError(outcome.message);
        }
        return;
      }
      picker.clearInserted();
    } finally {
      setSending(false);
    }
  }

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!canSubmit) return;
    if (isNote) {
      setError(await note.save());
      return;
    }
    if (humanAgent && !humanAgentConfirmed(conversation.id)) {
      setConfirming(true);
      return;
    }
    void sendReply();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (textPicker.onKeyDown(event)) {
      event.preventDefault();
      return;
    }
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
    if (event.key !== "Escape" || event.nativeEvent.isComposing) return;
    // The first Esc cancels a "replying to"; the next leaves the box.
    event.preventDefault();
    if (replyTo && !isNote) onClearReply();
    else onLeave?.();
  }

  // Files dropped on the reply box or pasted into it are attached as if chosen with "Attach".
  const [dragging, setDragging] = useState(false);
  const acceptsFiles = !isNote && !blocked;
  function hasFiles(event: DragEvent<HTMLFormElement>) {
    return acceptsFiles && Array.from(event.dataTransfer.types).includes("Files");
  }
  function onDragOver(event: DragEvent<HTMLFormElement>) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    setDragging(true);
  }
  function onDrop(event: DragEvent<HTMLFormElement>) {
    setDragging(false);
    if (!hasFiles(event)) return;
    event.preventDefault();
    void uploads.addFiles(Array.from(event.dataTransfer.files));
  }
  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    const files = Array.from(event.clipboardData.files);
    if (!acceptsFiles || files.length === 0) return;
    // A pasted screenshot is a file, not text; pasted text keeps its default behaviour.
    event.preventDefault();
    void uploads.addFiles(files);
  }

  function onChange(value: string) {
    if (isNote) {
      note.setText(value);
      return;
    }
    // A new draft starts from what the thread shows now.
    if (!draft.trim() && value.trim() && threadLoaded) setSeenUpTo(latestSeenAt ?? NOTHING_SEEN);
    setDraft(value);
    if (!value.trim()) picker.clearInserted();
    signalTyping(value);
    if (value.trim()) onTyping?.();
    else onStopTyping?.();
  }

  async function onFiles(files: FileList | null) {
    await uploads.addFiles(Array.from(files ?? []));
    if (fileInput.current) fileInput.current.value = "";
  }

  // The window closed on a draft: it can become a private note in one click.
  const [savingDraftNote, setSavingDraftNote] = useState(false);
  async function saveDraftAsNote() {
    setSavingDraftNote(true);
    try {
      await onAddNote(draft.trim());
      setDraft("");
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSavingDraftNote(false);
    }
  }

  // Without the Human Agent feature the 24-hour window is the last chance to reply.
  const lastReplyAt =
    !isNote && decision.allowed && decision.stage === "STANDARD" && !conversation.channel.humanAgentEnabled ? decision.deadline : null;
  const lastReplyText = lastReplyAt
    ? dayKey(lastReplyAt, timeZone) === dayKey(now, timeZone)
      ? formatClock(lastReplyAt, timeZone)
      : formatDateTime(lastReplyAt, timeZone)
    : null;

  const reason = !decision.allowed ? WINDOW_REASON_TEXT[decision.reason] : null;
  const remaining = decision.allowed ? formatRemaining(decision.deadline.getTime() - now.getTime()) : null;

  return (
    <form
      aria-label={isNote ? "Private note" : "Reply"}
      onSubmit={(e) => void submit(e)}
      data-composer-mode={mode}
      onDragOver={onDragOver}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
      className={cn(
        "relative shrink-0 border-t-4 bg-white px-4 pt-2 pb-3 transition-colors",
        isNote ? "border-amber-300 bg-amber-50/60" : blocked ? "border-slate-300 bg-slate-50" : humanAgent ? "border-window-human bg-window-human-soft" : "border-window-open",
      )}
    >
      {dragging ? (
        <div className="pointer-events-none absolute inset-0 z-10 flex items-center justify-center border-2 border-dashed border-brand bg-white/90 text-sm font-medium text-brand">
          Drop files to attach them
        </div>
      ) : null}
      {isNote ? null : <ChannelStatusBanner channel={channelState} />}
      <ComposerModeBar mode={mode} onMode={setWriting} conversationId={conversation.id} contactName={contactName} blockedTitle={reason?.title ?? null} remaining={remaining} />

      <p className="sr-only" role="status" aria-live="polite">
        {stageNotice}
      </p>
      {stageNotice && !isNote ? (
        <p className={cn("mb-2 rounded-md px-3 py-1.5 text-xs font-medium", humanAgent ? "bg-amber-100 text-amber-900" : "bg-slate-200 text-slate-800")} aria-hidden="true">
          {stageNotice}
        </p>
      ) : null}

      {lastReplyAt && lastReplyText ? (
        <LastReplyWarning
          lastReplyAt={lastReplyText}
          urgent={lastReplyAt.getTime() - now.getTime() <= EXPIRING_STANDARD_WITHIN_MS}
          timeZoneLabel={timeZoneLabel(timeZone, now)}
        />
      ) : null}

      {blocked && reason ? (
        <>
          <BlockedNotice reason={reason} />
          {draft.trim() ? (
            <ClosedDraft draft={draft} saving={savingDraftNote} onSaveAsNote={() => void saveDraftAsNote()} onDiscard={() => setDraft("")} />
          ) : null}
        </>
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
              <span className="min-w-0 flex-1 truncate">Replying to: {replyTo.text ?? (replyTo.attachments.length ? "an attachment" : "a message")}</span>
              <button type="button" onClick={onClearReply} className="rounded p-0.5 hover:bg-slate-200" aria-label="Cancel the reply to this message">
                <CloseIcon className="size-3.5" />
              </button>
            </div>
          ) : null}
          {!isNote ? <AttachmentList attachments={uploads.attachments} onRemove={uploads.remove} /> : null}
          {isNote ? <MentionList id={teammatesId} picker={mentions} /> : <SavedReplyList id={savedRepliesId} picker={picker} context={savedReplyContext} />}
          {humanAgent && savedReplyUnchanged ? (
            <p role="status" className="mb-2 rounded-md bg-amber-100 px-3 py-1.5 text-xs font-medium text-amber-900">
              This is saved reply /{picker.inserted!.shortcut} unchanged. HUMAN_AGENT needs a reply written by a person: make it your own before
              sending — review lists unedited saved replies sent as HUMAN_AGENT.
            </p>
          ) : null}
          <label htmlFor={`composer-${conversation.id}`} className="sr-only">
            {isNote ? "Private note" : humanAgent ? `Human agent reply to ${contactName}` : `Reply to ${contactName}`}
          </label>
          <textarea
            ref={textareaRef}
            id={`composer-${conversation.id}`}
            value={text}
            onChange={(e) => {
              onChange(e.target.value);
              textPicker.onType(e.target);
            }}
            onKeyDown={onKeyDown}
            onSelect={(e) => textPicker.track(e.currentTarget)}
            {...textPicker.ariaFor(isNote ? teammatesId : savedRepliesId)}
            onPaste={onPaste}
            rows={3}
            aria-describedby={`composer-count-${conversation.id}${error ? ` composer-error-${conversation.id}` : ""}`}
            aria-invalid={overLimit || undefined}
            placeholder={isNote ? "Write a note for your team — @name notifies a teammate…" : humanAgent ? "Write your reply as a human agent…" : `Reply to ${contactName}…`}
            className={cn(
              "block max-h-48 min-h-[4.5rem] w-full resize-y rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-inset placeholder:text-slate-500 focus:ring-2 focus:outline-none",
              isNote ? "ring-amber-300 focus:ring-amber-500" : humanAgent ? "ring-window-human focus:ring-amber-600" : "ring-slate-300 focus:ring-brand",
            )}
          />
        </>
      )}

      {collision && !isNote ? (
        <CollisionWarning
          collision={collision}
          now={now}
          disabled={!canSubmit}
          onSendAnyway={() => {
            setCollision(null);
            void sendReply();
          }}
        />
      ) : null}

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
        <span
          id={`composer-count-${conversation.id}`}
          className={cn("ml-auto text-xs tabular-nums", overLimit ? "font-semibold text-red-700" : humanAgent ? "text-amber-900" : "text-slate-600")}
        >
          {blocked ? "" : `${measured.used.toLocaleString("en-GB")} / ${measured.limit.toLocaleString("en-GB")}${measured.unit === "bytes" ? " bytes" : ""}`}
          <span className="sr-only">
            {" "}
            {measured.unit}
            {overLimit ? ", too long" : ""}
          </span>
        </span>
        {blocked ? null : humanAgent || isNote ? (
          <button type="submit" disabled={!canSubmit} className={cn(AMBER_BUTTON, "h-8 px-2.5 text-sm")}>
            {isNote ? <LockIcon className="size-4" /> : <UserIcon className="size-4" />}
            {isNote ? (note.saving ? "Adding…" : "Add note") : "Send as human agent"}
          </button>
        ) : (
          <Button type="submit" size="sm" disabled={!canSubmit}>
            <SendIcon className="size-4" />
            Send
          </Button>
        )}
      </div>

      <HumanAgentDialog
        open={confirming}
        contactName={contactName}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          rememberHumanAgentConfirmed(conversation.id);
          setConfirming(false);
          void sendReply();
        }}
      />
    </form>
  );
}
