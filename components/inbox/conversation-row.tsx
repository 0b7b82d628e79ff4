"use client";

import { memo, type CSSProperties } from "react";
import { cn } from "@/components/ui/cn";
import { contactDisplayName, type ConversationListItem } from "@/lib/conversations/conversation-view";
import { formatDateTime, formatRelative } from "@/lib/conversations/format-time";
import { isWindowClosed } from "@/lib/conversations/inbox-folders";
import { REPLY_STATE_LABEL, replyState } from "@/lib/conversations/reply-state";
import type { LabelView } from "@/lib/labels/label-view";
import { ContactAvatar } from "./contact-avatar";
import { LabelChips } from "./label-chips";
import { CheckCircleIcon, MoonIcon, UserIcon } from "./icons";
import { useNow } from "./use-now";
import { WindowBadge } from "./window-badge";
import { WindowBeforeReopenBadge } from "./sla-badges";

export const ROW_HEIGHT = 88;

export const optionId = (conversationId: string) => `conversation-option-${conversationId}`;

function RelativeTime({ at, timeZone }: { at: string; timeZone: string }) {
  const now = useNow();
  const date = new Date(at);
  return (
    <time dateTime={at} title={formatDateTime(date, timeZone)} className="shrink-0 text-xs text-slate-600 tabular-nums">
      {formatRelative(date, now, timeZone)}
    </time>
  );
}

/** "Needs reply" (the person wrote last) or "Waiting on customer" (we did). */
function ReplyStateChip({ conversation: c }: { conversation: ConversationListItem }) {
  const now = useNow();
  const windowClosed = isWindowClosed(
    {
      platform: c.channel.platform,
      humanAgentEnabled: c.channel.humanAgentEnabled,
      lastInboundAt: c.lastInboundAt ? new Date(c.lastInboundAt) : null,
      lastInboundKind: c.lastInboundKind,
    },
    now,
  );
  const state = replyState({ status: c.status, lastMessageDirection: c.lastMessageDirection, windowClosed });
  if (!state) return null;
  const { label, description } = REPLY_STATE_LABEL[state];
  return (
    <span
      title={description}
      data-reply-state={state}
      className={cn(
        "inline-flex shrink-0 items-center rounded-full px-1.5 py-0.5 text-[11px] leading-none font-medium",
        state === "needs-reply" ? "bg-sky-50 text-sky-800 ring-1 ring-sky-200 ring-inset" : "text-slate-600",
      )}
    >
      {label}
    </span>
  );
}

export const ConversationRow = memo(function ConversationRow({
  conversation: c,
  selected,
  keyboardActive,
  position,
  setSize,
  timeZone,
  currentAgentId,
  style,
  onOpen,
  labels,
  checked,
}: {
  conversation: ConversationListItem;
  selected: boolean;
  keyboardActive: boolean;
  position: number;
  setSize: number;
  timeZone: string;
  currentAgentId: string;
  style: CSSProperties;
  onOpen: (id: string) => void;
  labels: Map<string, LabelView>;
  /** In selection mode: whether the row is in the bulk selection (undefined outside it). */
  checked?: boolean;
}) {
  const name = contactDisplayName(c.contact, c.channel.platform);
  const unread = c.unreadCount > 0;
  return (
    <div
      role="option"
      id={optionId(c.id)}
      aria-selected={selected}
      aria-posinset={position}
      aria-setsize={setSize}
      data-conversation-id={c.id}
      onClick={() => onOpen(c.id)}
      style={style}
      className={cn(
        "absolute top-0 left-0 flex w-full cursor-pointer gap-3 border-b border-slate-100 px-3 py-2.5",
        selected ? "bg-brand-soft" : "bg-white hover:bg-slate-50",
        keyboardActive ? "z-10 ring-2 ring-brand ring-inset" : "",
      )}
    >
      {selected ? <span className="absolute inset-y-0 left-0 w-0.5 bg-brand" aria-hidden="true" /> : null}
      {checked !== undefined ? (
        <span
          aria-hidden="true"
          data-bulk-checked={checked}
          className={cn(
            "mt-2.5 flex size-4 shrink-0 items-center justify-center rounded border text-[11px] leading-none text-white",
            checked ? "border-brand bg-brand" : "border-slate-400 bg-white",
          )}
        >
          {checked ? "✓" : ""}
        </span>
      ) : null}
      <ContactAvatar id={c.contact.id} name={name} platform={c.channel.platform} />
      <div className="min-w-0 flex-1 space-y-1">
        <div className="flex items-center gap-2">
          <span className={cn("min-w-0 flex-1 truncate text-sm", unread ? "font-semibold text-slate-900" : "font-medium text-slate-800")}>{name}</span>
          {c.lastMessageAt ? <RelativeTime at={c.lastMessageAt} timeZone={timeZone} /> : null}
        </div>
        <div className="flex items-center gap-2">
          <p className={cn("min-w-0 flex-1 truncate text-[13px]", unread ? "text-slate-800" : "text-slate-600")}>
            {c.lastMessageDirection === "OUTBOUND" ? <span className="text-slate-600">You: </span> : null}
            {c.lastMessagePreview ?? <span className="italic">Attachment</span>}
          </p>
          {unread ? (
            <span className="min-w-5 shrink-0 rounded-full bg-brand px-1.5 text-center text-[11px] leading-5 font-semibold text-white tabular-nums">
              {c.unreadCount > 99 ? "99+" : c.unreadCount}
              <span className="sr-only"> unread</span>
            </span>
          ) : null}
        </div>
        <div className="flex min-w-0 items-center gap-2">
          {c.status === "RESOLVED" ? (
            <span className="inline-flex shrink-0 items-center gap-1 rounded-full bg-slate-100 px-1.5 py-0.5 text-[11px] leading-none font-medium text-slate-700">
              <CheckCircleIcon className="size-3" />
              Resolved
            </span>
          ) : (
            <WindowBadge conversation={c} />
          )}
          <WindowBeforeReopenBadge conversation={c} compact />
          {c.status === "SNOOZED" ? (
            <span className="inline-flex shrink-0 items-center gap-1 rounded-full bg-indigo-50 px-1.5 py-0.5 text-[11px] leading-none font-medium text-indigo-800">
              <MoonIcon className="size-3" />
              Snoozed
            </span>
          ) : null}
          <ReplyStateChip conversation={c} />
          <span className="inline-flex min-w-0 items-center gap-1 text-xs text-slate-600">
            <UserIcon className="size-3 shrink-0" />
            <span className="truncate">{c.assignee ? (c.assignee.id === currentAgentId ? "You" : c.assignee.name) : "Unassigned"}</span>
          </span>
          <LabelChips labelIds={c.labelIds} labels={labels} />
        </div>
      </div>
    </div>
  );
});
