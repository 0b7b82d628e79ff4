"use client";

import { cn } from "@/components/ui/cn";
import { labelClasses } from "@/lib/labels/label-colours";
import type { LabelView } from "@/lib/labels/label-view";

/** A conversation's labels as small coloured chips (ids the account no longer has are left out). */
export function LabelChips({ labelIds, labels, className }: { labelIds: string[]; labels: Map<string, LabelView>; className?: string }) {
  const shown = labelIds.map((id) => labels.get(id)).filter((l): l is LabelView => Boolean(l));
  if (shown.length === 0) return null;
  return (
    <span className={cn("flex min-w-0 items-center gap-1 overflow-hidden", className)} aria-label={`Labels: ${shown.map((l) => l.name).join(", ")}`}>
      {shown.map((label) => (
        <span
          key={label.id}
          aria-hidden="true"
          className={cn("shrink-0 truncate rounded px-1.5 py-0.5 text-[11px] leading-none font-medium ring-1 ring-inset", labelClasses(label.color))}
        >
          {label.name}
        </span>
      ))}
    </span>
  );
}
