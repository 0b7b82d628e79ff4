"use client";

// Bulk actions on the conversations selected in the list: assign to me, add a label, snooze, resolve. The
// server applies the action to each conversation on its own (audited per conversation) and says which did
// not change and why; realtime events then move the rows as if each had been changed alone.
import type { SnoozeWindow } from "@/lib/conversations/snooze-options";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { LabelView } from "@/lib/labels/label-view";
import type { BulkActionRequest } from "@/lib/validations/labels";
import { inboxApi } from "./inbox-api";
import { inboxKeys } from "./query-keys";
import { SnoozeDialog } from "./snooze-dialog";

const DONE: Record<string, string> = { assign: "Assigned", label: "Labelled", status: "Updated" };

export function BulkBar({
  selectedIds,
  labels,
  currentAgentId,
  onSelectAll,
  onClear,
  onFinish,
  timeZone,
  snoozeWindowAt,
}: {
  /** The account's zone (snooze presets). */
  timeZone: string;
  /** The window a bulk snooze is measured against: the selected conversation whose window closes first. */
  snoozeWindowAt: (now: Date) => SnoozeWindow;
  selectedIds: string[];
  labels: LabelView[];
  currentAgentId: string;
  onSelectAll: () => void;
  onClear: () => void;
  onFinish: () => void;
}) {
  const queryClient = useQueryClient();
  const [result, setResult] = useState<string | null>(null);
  const [snoozeOpenedAt, setSnoozeOpenedAt] = useState<Date | null>(null);
  const bulk = useMutation({
    mutationFn: (action: BulkActionRequest) => inboxApi.bulk(selectedIds, action),
    onSuccess: (results, action) => {
      void queryClient.invalidateQueries({ queryKey: inboxKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.folderCountsAll() });
      const failed = results.filter((r) => !r.ok);
      const verb = action.type === "status" ? (action.change.status === "RESOLVED" ? "Resolved" : action.change.status === "SNOOZED" ? "Snoozed" : "Reopened") : DONE[action.type];
      const changed = results.length - failed.length;
      setResult(
        failed.length === 0
          ? `${verb} ${changed} conversation${changed === 1 ? "" : "s"}.`
          : `${verb} ${changed} of ${results.length}. Not changed: ${failed[0]!.error?.message ?? "refused"}`,
      );
      setSnoozeOpenedAt(null);
      if (failed.length === 0) onFinish();
    },
    onError: (error) => setResult(error.message),
  });
  const none = selectedIds.length === 0;
  return (
    <div className="space-y-2 border-b border-slate-200 bg-brand-soft px-3 py-2" role="region" aria-label="Bulk actions">
      <div className="flex items-center gap-2 text-xs">
        <span className="font-medium text-slate-900">{selectedIds.length} selected</span>
        <button type="button" className="text-brand underline-offset-2 hover:underline" onClick={onSelectAll}>
          Select all loaded
        </button>
        {selectedIds.length ? (
          <button type="button" className="text-slate-600 underline-offset-2 hover:underline" onClick={onClear}>
            Clear
          </button>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-1.5">
        <Button size="sm" variant="secondary" disabled={none || bulk.isPending} onClick={() => bulk.mutate({ type: "assign", assigneeId: currentAgentId })}>
          Assign to me
        </Button>
        <label htmlFor="bulk-label" className="sr-only">
          Add a label to the selected conversations
        </label>
        <select
          id="bulk-label"
          value=""
          disabled={none || bulk.isPending || labels.length === 0}
          onChange={(e) => e.target.value && bulk.mutate({ type: "label", add: [e.target.value], remove: [] })}
          className="h-8 rounded-md border-0 bg-white py-1 pr-7 pl-2 text-xs text-slate-700 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand focus:outline-none"
        >
          <option value="">Add label…</option>
          {labels.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
        <Button size="sm" variant="secondary" disabled={none || bulk.isPending} onClick={() => setSnoozeOpenedAt(new Date())}>
          Snooze…
        </Button>
        <Button size="sm" disabled={none || bulk.isPending} onClick={() => bulk.mutate({ type: "status", change: { status: "RESOLVED" } })}>
          Resolve
        </Button>
      </div>
      <p role="status" className="text-xs text-slate-700">
        {bulk.isPending ? "Working…" : result}
      </p>
      <SnoozeDialog
        key={snoozeOpenedAt?.getTime() ?? "closed"}
        openedAt={snoozeOpenedAt}
        window={snoozeOpenedAt ? snoozeWindowAt(snoozeOpenedAt) : { closesAt: null, standardEndsAt: null }}
        timeZone={timeZone}
        onClose={() => setSnoozeOpenedAt(null)}
        pending={bulk.isPending}
        error={null}
        onSnooze={(until) => bulk.mutate({ type: "status", change: { status: "SNOOZED", snoozedUntil: until.toISOString() } })}
      />
    </div>
  );
}
