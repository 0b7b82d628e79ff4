"use client";

import type { RefObject } from "react";
import { Button } from "@/components/ui/button";
import { contactDisplayName, type ShownConversation } from "@/lib/conversations/conversation-view";
import { formatDateTime } from "@/lib/conversations/format-time";
import type { AssignableAgent } from "@/lib/conversations/list-assignable-agents";
import { ContactAvatar, PLATFORM_LABEL } from "./contact-avatar";
import { ConversationLabels } from "./conversation-labels";
import { BackIcon, CheckCircleIcon, MailDotIcon, MoonIcon, PanelIcon, ReopenIcon, UserPlusIcon } from "./icons";
import { WindowBadge } from "./window-badge";
import { SlaBadge, WindowBeforeReopenBadge } from "./sla-badges";

const ROLE_SUFFIX = { AGENT: "", MANAGER: " · manager", ADMIN: " · admin" } as const;

export function ThreadHeader({
  conversation,
  currentAgentId,
  headingRef,
  assignees,
  busy,
  error,
  timeZone,
  panelOpen,
  presence = null,
  onAssign,
  onResolve,
  onReopen,
  onSnooze,
  onMarkUnread,
  onTogglePanel,
  onBack,
}: {
  conversation: ShownConversation;
  currentAgentId: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  assignees: AssignableAgent[] | undefined;
  busy: boolean;
  error: string | null;
  timeZone: string;
  panelOpen: boolean;
  /** Who else has the conversation open ("Sam is typing…"), or null. */
  presence?: string | null;
  onAssign: (assigneeId: string | null) => void;
  onResolve: () => void;
  onReopen: () => void;
  onSnooze: () => void;
  onMarkUnread: () => void;
  onTogglePanel: () => void;
  /** Phones (one pane at a time): back to the conversation list. */
  onBack: () => void;
}) {
  const name = contactDisplayName(conversation.contact, conversation.channel.platform);
  const mine = conversation.assignee?.id === currentAgentId;
  const options = assignees ?? (conversation.assignee ? [{ ...conversation.assignee, role: "AGENT" as const }] : []);
  return (
    <header className="shrink-0 border-b border-slate-200 bg-white px-4 py-3">
      <div className="flex items-start gap-3">
        <button
          type="button"
          onClick={onBack}
          className="-ml-2 rounded-md p-1.5 text-slate-600 hover:bg-slate-100 sm:hidden"
          aria-label="Back to the conversation list"
        >
          <BackIcon className="size-5" />
        </button>
        <ContactAvatar id={conversation.contact.id} name={name} platform={conversation.channel.platform} />
        <div className="min-w-0 flex-1">
          <h2 ref={headingRef} tabIndex={-1} className="truncate text-base font-semibold text-slate-900 outline-none focus-visible:ring-2 focus-visible:ring-brand">
            {name}
          </h2>
          <div className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
            <span>
              {PLATFORM_LABEL[conversation.channel.platform]} · {conversation.channel.name}
            </span>
            {conversation.status === "RESOLVED" ? (
              <span className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium text-slate-700">
                <CheckCircleIcon className="size-3" />
                Resolved
              </span>
            ) : (
              <WindowBadge conversation={conversation} />
            )}
            <WindowBeforeReopenBadge conversation={conversation} />
            <SlaBadge conversation={conversation} />
            {conversation.status === "SNOOZED" && conversation.snoozedUntil ? (
              <span className="inline-flex items-center gap-1 rounded-full bg-indigo-50 px-1.5 py-0.5 text-[11px] font-medium text-indigo-800">
                <MoonIcon className="size-3" />
                Snoozed until {formatDateTime(new Date(conversation.snoozedUntil), timeZone)}
              </span>
            ) : null}
          </div>
          <p role="status" aria-live="polite" data-testid="thread-presence" className="mt-1 min-h-4 text-xs font-medium text-indigo-800">
            {presence ? (
              <span className="inline-flex items-center gap-1.5">
                <span className="size-2 rounded-full bg-indigo-600" aria-hidden="true" />
                {presence}
              </span>
            ) : null}
          </p>
        </div>
        <div className="flex shrink-0 flex-wrap items-center justify-end gap-1.5">
          <Button variant="ghost" size="sm" className="px-2" disabled={busy} onClick={onMarkUnread} aria-label="Mark unread" title="Mark unread">
            <MailDotIcon className="size-4" />
          </Button>
          {conversation.status === "SNOOZED" ? (
            <Button variant="secondary" size="sm" disabled={busy} onClick={onReopen}>
              <ReopenIcon className="size-4" />
              Unsnooze
            </Button>
          ) : conversation.status !== "RESOLVED" ? (
            <Button variant="ghost" size="sm" className="px-2" disabled={busy} onClick={onSnooze} aria-label="Snooze" title="Snooze">
              <MoonIcon className="size-4" />
            </Button>
          ) : null}
          {conversation.status === "RESOLVED" ? (
            <Button variant="secondary" size="sm" disabled={busy} onClick={onReopen}>
              <ReopenIcon className="size-4" />
              Reopen
            </Button>
          ) : (
            <Button size="sm" disabled={busy} onClick={onResolve} aria-keyshortcuts="e">
              <CheckCircleIcon className="size-4" />
              Resolve
            </Button>
          )}
        </div>
      </div>
      <div className="mt-2.5 flex flex-wrap items-center gap-2 xl:pl-[52px]">
        <label htmlFor="assignee-select" className="text-xs text-slate-500">
          Assignee
        </label>
        <select
          id="assignee-select"
          value={conversation.assignee?.id ?? ""}
          disabled={busy}
          onChange={(e) => onAssign(e.target.value || null)}
          className="h-8 max-w-44 min-w-0 rounded-md border-0 bg-white py-1 pr-7 pl-2 text-sm text-slate-800 ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand focus:outline-none"
        >
          <option value="">Unassigned</option>
          {options.map((a) => (
            <option key={a.id} value={a.id}>
              {a.id === currentAgentId ? `${a.name} (you)` : `${a.name}${ROLE_SUFFIX[a.role]}`}
            </option>
          ))}
        </select>
        {!mine ? (
          <Button variant="secondary" size="sm" className="whitespace-nowrap" disabled={busy} onClick={() => onAssign(currentAgentId)} aria-keyshortcuts="a">
            <UserPlusIcon className="size-4" />
            Assign to me
          </Button>
        ) : null}
        <ConversationLabels conversationId={conversation.id} labelIds={conversation.labelIds} />
        <Button variant="ghost" size="sm" className="ml-auto xl:hidden" aria-expanded={panelOpen} aria-controls="contact-panel" onClick={onTogglePanel}>
          <PanelIcon className="size-4" />
          Details
        </Button>
      </div>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </header>
  );
}
