"use client";

// Quiet SLA signals: "Answer before you close · window ends Sat 18:05" (the window ends before the team is
// next open, lib/business-hours/sla.ts) on rows and in the thread header, and the header's SLA clock
// ("First response due 09:20" / "Next response overdue").
import { cn } from "@/components/ui/cn";
import { slaStatus, windowBeforeReopen, type WindowBeforeReopen } from "@/lib/business-hours/sla";
import type { ConversationListItem, ShownConversation } from "@/lib/conversations/conversation-view";
import { useBusinessHours } from "./business-hours-context";
import { ClockIcon } from "./icons";
import { useNow } from "./use-now";

export function formatWeekdayTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
}

type FlagFacts = Pick<ConversationListItem, "status" | "channel" | "lastInboundAt" | "lastInboundKind" | "lastMessageDirection">;

/** The flag of a conversation at `now`, or null (no hours, not waiting, the window outlasts the closure). */
export function useWindowBeforeReopen(c: FlagFacts): WindowBeforeReopen | null {
  const hours = useBusinessHours();
  const now = useNow();
  if (!hours) return null;
  return windowBeforeReopen(
    hours.calendar,
    {
      status: c.status,
      platform: c.channel.platform,
      humanAgentEnabled: c.channel.humanAgentEnabled,
      lastInboundAt: c.lastInboundAt ? new Date(c.lastInboundAt) : null,
      lastInboundKind: c.lastInboundKind,
      awaitingReply: c.lastMessageDirection === "INBOUND",
    },
    now,
  );
}

export function WindowBeforeReopenBadge({ conversation, compact = false }: { conversation: FlagFacts; compact?: boolean }) {
  const hours = useBusinessHours();
  const flag = useWindowBeforeReopen(conversation);
  if (!hours || !flag) return null;
  const ends = formatWeekdayTime(flag.windowEndsAt, hours.timeZone);
  const what = flag.window === "24h" ? "the 24-hour reply window" : "the Human Agent window (the last possible reply)";
  const reopens = flag.reopensAt ? `; the team reopens ${formatWeekdayTime(flag.reopensAt, hours.timeZone)}` : "";
  return (
    <span
      data-testid="window-before-reopen"
      title={`${what} ends ${ends}, before the team is open again${reopens}.`}
      className={cn(
        "inline-flex shrink-0 items-center gap-1 rounded-full bg-amber-50 px-1.5 py-0.5 text-[11px] leading-none font-medium text-amber-900 ring-1 ring-amber-300 ring-inset",
      )}
    >
      <ClockIcon className="size-3" />
      {compact ? `by ${ends}` : `Answer before you close: window ends ${ends}`}
      <span className="sr-only">
        . {what} ends {ends}, before the team is open again{reopens}.
      </span>
    </span>
  );
}

export function SlaBadge({ conversation }: { conversation: ShownConversation }) {
  const hours = useBusinessHours();
  const now = useNow();
  if (!hours || !conversation.sla || conversation.status === "RESOLVED") return null;
  const waitingSince = conversation.sla.waitingSince ? new Date(conversation.sla.waitingSince) : null;
  const status = slaStatus(hours.calendar, hours.targets, { waitingSince, answeredBefore: conversation.sla.teamRepliedAt !== null }, now);
  if (!status) return null;
  const label = status.kind === "first" ? "First response" : "Next response";
  const due = formatWeekdayTime(status.dueAt, hours.timeZone);
  return (
    <span
      data-testid="sla-status"
      title={`${label} target: ${status.targetMinutes} business minutes; ${status.elapsedMinutes} used. Due ${due}.`}
      className={cn(
        "inline-flex shrink-0 items-center gap-1 rounded-full px-1.5 py-0.5 text-[11px] leading-none font-medium ring-1 ring-inset",
        status.breached ? "bg-red-50 text-red-800 ring-red-300" : "bg-slate-50 text-slate-700 ring-slate-300",
      )}
    >
      {status.breached ? `${label} overdue (due ${due})` : `${label} due ${due}`}
    </span>
  );
}
