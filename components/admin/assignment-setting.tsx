"use client";

// A channel's automatic assignment on the Channels page (admins): off, round-robin or least-open, and the
// per-agent capacity.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import type { AssignmentMode } from "@/lib/assignment/choose-assignee";

const MODE_LABEL: Record<AssignmentMode, string> = { OFF: "Off", ROUND_ROBIN: "Round-robin", LEAST_OPEN: "Fewest open conversations" };

export function AssignmentSetting({ channelId, mode, capacity, queryKey }: { channelId: string; mode: AssignmentMode; capacity: number | null; queryKey: readonly unknown[] }) {
  const queryClient = useQueryClient();
  const id = useId();
  const [draft, setDraft] = useState({ mode, capacity: capacity === null ? "" : String(capacity) });
  const save = useMutation({
    mutationFn: () =>
      apiFetch(`/api/channels/${channelId}/assignment`, {
        method: "PUT",
        json: { mode: draft.mode, capacity: draft.capacity.trim() ? Number(draft.capacity) : null },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey }),
  });
  const changed = draft.mode !== mode || draft.capacity !== (capacity === null ? "" : String(capacity));
  return (
    <div className="mt-3 flex flex-wrap items-end gap-3 border-t border-slate-100 pt-3 text-sm">
      <div>
        <label htmlFor={`${id}-mode`} className="block text-xs font-medium text-slate-700">
          Automatic assignment
        </label>
        <select
          id={`${id}-mode`}
          value={draft.mode}
          onChange={(e) => setDraft((d) => ({ ...d, mode: e.target.value as AssignmentMode }))}
          className="mt-1 h-8 rounded-md border-0 bg-white py-1 pr-7 pl-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand focus:outline-none"
        >
          {(Object.keys(MODE_LABEL) as AssignmentMode[]).map((m) => (
            <option key={m} value={m}>
              {MODE_LABEL[m]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-capacity`} className="block text-xs font-medium text-slate-700">
          Open conversations per agent (empty: no limit)
        </label>
        <input
          id={`${id}-capacity`}
          inputMode="numeric"
          value={draft.capacity}
          onChange={(e) => setDraft((d) => ({ ...d, capacity: e.target.value }))}
          className="mt-1 h-8 w-24 rounded-md border-0 bg-white px-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand focus:outline-none"
        />
      </div>
      <Button size="sm" variant="secondary" disabled={!changed || save.isPending} onClick={() => save.mutate()}>
        Save assignment
      </Button>
      <p className="basis-full text-xs text-slate-500">New conversations go to agents who work this channel and are online, under their capacity.</p>
      {save.error ? (
        <p role="alert" className="basis-full text-xs text-red-700">
          {save.error.message}
        </p>
      ) : null}
    </div>
  );
}
