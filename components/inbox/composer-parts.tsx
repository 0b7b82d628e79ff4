"use client";

// The composer's presentational pieces: what the window allows, the files of the reply, the closed-window
// notice and the human-agent confirmation. No state of their own beyond what they are handed.
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { WINDOW_REASON_TEXT } from "@/lib/policy/window-policy";
import type { ComposerAttachment } from "./composer-uploads";
import { BanIcon, ClockIcon, CloseIcon, FileIcon, LockIcon, UserIcon } from "./icons";

/** Human-agent and note actions are amber like their mode (amber-700 keeps white text readable). */
export const AMBER_BUTTON =
  "inline-flex items-center justify-center gap-1.5 rounded-md bg-amber-700 font-medium text-white transition-colors hover:bg-amber-800 disabled:cursor-not-allowed disabled:bg-slate-300";

export type ComposerMode = "note" | "blocked" | "human-agent" | "standard";

/** Reply / Private note switch and the line saying what a reply will be. */
export function ComposerModeBar({
  mode,
  onMode,
  conversationId,
  contactName,
  blockedTitle,
  remaining,
}: {
  mode: ComposerMode;
  onMode: (mode: "reply" | "note") => void;
  conversationId: string;
  contactName: string;
  blockedTitle: string | null;
  remaining: string | null;
}) {
  const isNote = mode === "note";
  return (
    <div className="mb-2 flex flex-wrap items-center gap-2">
      <div className="inline-flex rounded-md bg-slate-100 p-0.5 text-xs font-medium" role="group" aria-label="Write">
        <button
          type="button"
          aria-pressed={!isNote}
          onClick={() => onMode("reply")}
          className={cn("rounded px-2.5 py-1", !isNote ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900")}
        >
          Reply
        </button>
        <button
          type="button"
          aria-pressed={isNote}
          onClick={() => onMode("note")}
          className={cn("inline-flex items-center gap-1 rounded px-2.5 py-1", isNote ? "bg-white text-amber-900 shadow-sm" : "text-slate-600 hover:text-slate-900")}
        >
          <LockIcon className="size-3" />
          Private note
        </button>
      </div>
      {isNote ? (
        <p className="text-xs text-amber-900">Only your team sees notes. Nothing is sent to {contactName}.</p>
      ) : mode === "blocked" ? (
        <p className="inline-flex items-center gap-1.5 text-xs font-semibold text-slate-700" id={`composer-mode-${conversationId}`}>
          <BanIcon className="size-4 text-slate-500" />
          {blockedTitle}
        </p>
      ) : mode === "human-agent" ? (
        <p className="inline-flex items-center gap-1.5 text-xs font-semibold text-amber-900" id={`composer-mode-${conversationId}`}>
          <UserIcon className="size-4" />
          Human agent reply · HUMAN_AGENT tag · {remaining} left
        </p>
      ) : (
        <p className="inline-flex items-center gap-1.5 text-xs font-semibold text-emerald-800" id={`composer-mode-${conversationId}`}>
          <ClockIcon className="size-4" />
          Normal reply · {remaining} left in the 24-hour window
        </p>
      )}
    </div>
  );
}

/** Past the window: why, and what is still possible. */
export function BlockedNotice({ reason }: { reason: (typeof WINDOW_REASON_TEXT)[keyof typeof WINDOW_REASON_TEXT] }) {
  return (
    <div className="rounded-md bg-white px-3 py-2.5 text-sm text-slate-700 ring-1 ring-slate-300 ring-inset">
      <p>{reason.detail}</p>
      <p className="mt-1 text-xs text-slate-500">You can still add a private note for your team.</p>
    </div>
  );
}

/** The files of the reply; those whose message is on its way cannot be removed. */
export function AttachmentList({ attachments, onRemove }: { attachments: ComposerAttachment[]; onRemove: (localId: string) => void }) {
  if (attachments.length === 0) return null;
  return (
    <ul className="mb-2 flex flex-wrap gap-1.5" aria-label="Attachments">
      {attachments.map((a) => (
        <li
          key={a.localId}
          data-state={a.state}
          className={cn("inline-flex max-w-full items-center gap-1.5 rounded-md bg-white px-2 py-1 text-xs text-slate-700 ring-1 ring-slate-300", a.state === "sending" ? "opacity-60" : "")}
        >
          <FileIcon className="size-3.5 shrink-0" />
          <span className="truncate">{a.fileName}</span>
          {a.state === "uploading" ? <span className="text-slate-500">uploading…</span> : a.state === "sending" ? <span className="text-slate-500">sending…</span> : null}
          {a.state === "sending" ? null : (
            <button type="button" onClick={() => onRemove(a.localId)} className="rounded p-0.5 hover:bg-slate-100" aria-label={`Remove ${a.fileName}`}>
              <CloseIcon className="size-3" />
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The one-time confirmation, per conversation, that a human-agent reply is written by a person. */
export function HumanAgentDialog({ open, contactName, onCancel, onConfirm }: { open: boolean; contactName: string; onCancel: () => void; onConfirm: () => void }) {
  return (
    <ModalDialog
      open={open}
      onClose={onCancel}
      title="Send as a human agent?"
      description={
        <>
          More than 24 hours have passed since {contactName}&apos;s last message. Meta allows this reply only with the HUMAN_AGENT tag, which
          is for messages written by a person for this conversation — never automated or templated replies.
        </>
      }
    >
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <button type="button" className={cn(AMBER_BUTTON, "h-10 px-4 text-sm")} onClick={onConfirm}>
          <UserIcon className="size-4" />I wrote this reply — send
        </button>
      </div>
    </ModalDialog>
  );
}

/** "3 s", "12 s", "2 min", "1 h": how long ago, short. */
function agoText(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  return `${Math.floor(s / 3600)} h`;
}

/** Someone else replied after what the agent had seen: review first, or send anyway. */
export function CollisionWarning({
  collision,
  now,
  disabled,
  onSendAnyway,
}: {
  collision: { agentName: string | null; repliedAt: string };
  now: Date;
  disabled: boolean;
  onSendAnyway: () => void;
}) {
  const who = collision.agentName ?? "Someone using another app";
  return (
    <div role="alert" className="mt-2 flex flex-wrap items-center gap-2 rounded-md bg-amber-100 px-3 py-2 text-sm text-amber-950 ring-1 ring-amber-300">
      <span className="min-w-0 flex-1">
        <strong className="font-semibold">{who}</strong> replied {agoText(now.getTime() - Date.parse(collision.repliedAt))} ago — review before sending.
      </span>
      <Button type="button" variant="secondary" size="sm" disabled={disabled} onClick={onSendAnyway}>
        Send anyway
      </Button>
    </div>
  );
}

/**
 * On a channel without Meta's Human Agent feature the 24-hour window is the last chance to reply: the
 * composer says until when, and says it loudly in the last 3 hours.
 */
export function LastReplyWarning({ lastReplyAt, urgent, timeZoneLabel }: { lastReplyAt: string; urgent: boolean; timeZoneLabel: string }) {
  return (
    <p
      data-testid="last-reply-warning"
      className={cn("mb-2 rounded-md px-3 py-1.5 text-xs", urgent ? "bg-red-50 font-medium text-red-800 ring-1 ring-red-200 ring-inset" : "text-slate-600")}
    >
      After {lastReplyAt} you cannot reply: this channel has no Human Agent feature, so nothing can be sent once the 24-hour window ends
      <span className="text-slate-500"> ({timeZoneLabel})</span>.
    </p>
  );
}

/** A reply the window closed on: kept, and one click away from being a private note for the team. */
export function ClosedDraft({ draft, saving, onSaveAsNote, onDiscard }: { draft: string; saving: boolean; onSaveAsNote: () => void; onDiscard: () => void }) {
  return (
    <div className="mt-2 rounded-md bg-white px-3 py-2.5 text-sm ring-1 ring-amber-300 ring-inset" data-testid="closed-draft">
      <p className="text-xs font-semibold text-slate-700">Your unsent reply</p>
      <p className="mt-1 line-clamp-3 whitespace-pre-wrap text-slate-800">{draft}</p>
      <div className="mt-2 flex gap-2">
        <button type="button" disabled={saving} onClick={onSaveAsNote} className={cn(AMBER_BUTTON, "h-8 px-2.5 text-sm")}>
          <LockIcon className="size-4" />
          {saving ? "Saving…" : "Save as private note"}
        </button>
        <Button variant="ghost" size="sm" disabled={saving} onClick={onDiscard}>
          Discard
        </Button>
      </div>
    </div>
  );
}
