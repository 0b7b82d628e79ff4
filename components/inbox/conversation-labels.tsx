"use client";

// The open conversation's labels: shown as chips, changed from a small checklist (PUT …/labels with the
// complete set; audited and published by the server, so every open inbox updates).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { cn } from "@/components/ui/cn";
import { labelClasses } from "@/lib/labels/label-colours";
import { patchConversation } from "./inbox-cache";
import { inboxApi } from "./inbox-api";
import { LabelChips } from "./label-chips";
import { useLabels } from "./use-inbox-queries";

export function ConversationLabels({ conversationId, labelIds }: { conversationId: string; labelIds: string[] }) {
  const queryClient = useQueryClient();
  const labels = useLabels();
  const byId = useMemo(() => new Map((labels.data ?? []).map((l) => [l.id, l])), [labels.data]);
  const save = useMutation({
    mutationFn: (next: string[]) => inboxApi.setLabels(conversationId, next),
    onSuccess: ({ labelIds: saved }) => patchConversation(queryClient, conversationId, { labelIds: saved }),
  });
  if (!labels.data?.length) return null;
  return (
    <div className="flex min-w-0 items-center gap-2">
      <LabelChips labelIds={labelIds} labels={byId} />
      <details className="relative">
        <summary className="cursor-pointer list-none rounded px-1.5 py-0.5 text-xs font-medium text-brand hover:bg-brand-soft">Labels</summary>
        <fieldset className="absolute right-0 z-30 mt-1 w-52 space-y-1 rounded-md bg-white p-2 shadow-lg ring-1 ring-slate-200">
          <legend className="sr-only">Labels of this conversation</legend>
          {labels.data.map((label) => (
            <label key={label.id} className="flex items-center gap-2 text-sm text-slate-800">
              <input
                type="checkbox"
                className="size-4 rounded border-slate-300 accent-brand"
                checked={labelIds.includes(label.id)}
                disabled={save.isPending}
                onChange={(e) => save.mutate(e.target.checked ? [...labelIds, label.id] : labelIds.filter((id) => id !== label.id))}
              />
              <span className={cn("rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset", labelClasses(label.color))}>{label.name}</span>
            </label>
          ))}
          {save.error ? <p className="text-xs text-red-700">{save.error.message}</p> : null}
        </fieldset>
      </details>
    </div>
  );
}
