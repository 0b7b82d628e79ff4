"use client";

import { decideWindow } from "@/lib/policy/window-policy";
import type { ConversationListItem } from "@/lib/conversations/conversation-view";
import { windowBadge, type WindowTone } from "@/lib/conversations/window-countdown";
import { cn } from "@/components/ui/cn";
import { BanIcon, ClockIcon, UserIcon } from "./icons";
import { useNow } from "./use-now";

export const WINDOW_TONE_CLASSES: Record<WindowTone, string> = {
  open: "bg-window-open-soft text-emerald-800 ring-window-open/30",
  human: "bg-window-human-soft text-amber-800 ring-window-human/40",
  urgent: "bg-window-urgent-soft text-red-800 ring-window-urgent/40",
  closed: "bg-window-closed-soft text-slate-600 ring-slate-300",
};

export function decisionFor(c: Pick<ConversationListItem, "channel" | "lastInboundAt" | "lastInboundKind">, now: Date) {
  return decideWindow({
    platform: c.channel.platform,
    lastInboundAt: c.lastInboundAt ? new Date(c.lastInboundAt) : null,
    lastInboundKind: c.lastInboundKind,
    now,
    sender: "HUMAN",
    humanAgentEnabled: c.channel.humanAgentEnabled,
  });
}

/** The messaging-window countdown ("Reply 3 h 12 m", "Human agent 5 d 2 h", "Closed"), ticking with the shared clock. */
export function WindowBadge({ conversation, className }: { conversation: Pick<ConversationListItem, "channel" | "lastInboundAt" | "lastInboundKind">; className?: string }) {
  const now = useNow();
  const decision = decisionFor(conversation, now);
  const badge = windowBadge(decision, now);
  const Icon = badge.tone === "closed" ? BanIcon : decision.stage === "HUMAN_AGENT" ? UserIcon : ClockIcon;
  return (
    <span
      title={badge.description}
      className={cn(
        "inline-flex shrink-0 items-center gap-1 rounded-full px-1.5 py-0.5 text-[11px] leading-none font-medium tabular-nums ring-1 ring-inset",
        WINDOW_TONE_CLASSES[badge.tone],
        className,
      )}
    >
      <Icon className="size-3" />
      {badge.label}
      <span className="sr-only">. {badge.description}</span>
    </span>
  );
}
