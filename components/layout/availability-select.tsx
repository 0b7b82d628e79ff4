"use client";

// The agent's presence in the header: ONLINE receives automatically assigned conversations; AWAY and OFFLINE keep
// their conversations, and new ones skip them.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { cn } from "@/components/ui/cn";
import type { Availability } from "@/lib/validations/assignment";

const DOT: Record<Availability, string> = { ONLINE: "bg-window-open", AWAY: "bg-window-human", OFFLINE: "bg-slate-400" };
const LABEL: Record<Availability, string> = { ONLINE: "Online", AWAY: "Away", OFFLINE: "Offline" };

export function AvailabilitySelect({ initial }: { initial: Availability }) {
  const [status, setStatus] = useState(initial);
  const save = useMutation({
    mutationFn: (next: Availability) => apiFetch<{ status: Availability }>("/api/me/availability", { method: "PUT", json: { status: next } }),
    onMutate: (next) => {
      const before = status;
      setStatus(next);
      return { before };
    },
    onError: (_e, _next, context) => context && setStatus(context.before),
  });
  return (
    <span className="flex items-center gap-1.5">
      <span className={cn("size-2 rounded-full", DOT[status])} aria-hidden="true" />
      <label htmlFor="availability" className="sr-only">
        Your availability for new conversations
      </label>
      <select
        id="availability"
        value={status}
        onChange={(e) => save.mutate(e.target.value as Availability)}
        title="Only online agents receive automatically assigned conversations"
        className="h-7 rounded-md border-0 bg-white py-0.5 pr-7 pl-2 text-xs text-slate-700 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand focus:outline-none"
      >
        {(Object.keys(LABEL) as Availability[]).map((s) => (
          <option key={s} value={s}>
            {LABEL[s]}
          </option>
        ))}
      </select>
    </span>
  );
}
