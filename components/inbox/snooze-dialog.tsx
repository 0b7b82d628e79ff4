"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ModalDialog } from "@/components/ui/modal-dialog";

const HOUR = 3_600_000;

/** Presets in the agent's own clock: later today, tomorrow morning, next Monday morning. */
function presets(now: Date): { label: string; at: Date }[] {
  const at = (days: number, hour: number) => {
    const d = new Date(now);
    d.setDate(d.getDate() + days);
    d.setHours(hour, 0, 0, 0);
    return d;
  };
  const daysToMonday = ((8 - now.getDay()) % 7) || 7;
  return [
    { label: "In 1 hour", at: new Date(now.getTime() + HOUR) },
    { label: "In 3 hours", at: new Date(now.getTime() + 3 * HOUR) },
    { label: "Tomorrow, 09:00", at: at(1, 9) },
    { label: "Next Monday, 09:00", at: at(daysToMonday, 9) },
  ];
}

/** "2026-11-21T14:05" in the browser's zone, as <input type="datetime-local"> wants it. */
function localInputValue(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Rendered with the time the agent opened it (null: closed); presets count from that moment. */
export function SnoozeDialog({
  openedAt,
  onClose,
  onSnooze,
  pending,
  error,
}: {
  openedAt: Date | null;
  onClose: () => void;
  onSnooze: (until: Date) => void;
  pending: boolean;
  error: string | null;
}) {
  const open = openedAt !== null;
  const [custom, setCustom] = useState(() => (openedAt ? localInputValue(new Date(openedAt.getTime() + 24 * HOUR)) : ""));
  const customDate = custom ? new Date(custom) : null;
  const customValid = customDate !== null && !Number.isNaN(customDate.getTime()) && openedAt !== null && customDate > openedAt;
  return (
    <ModalDialog open={open} onClose={onClose} title="Snooze conversation" description="It leaves your folders until then, or until the person writes again.">
      <div className="grid grid-cols-2 gap-2">
        {openedAt
          ? presets(openedAt).map((p) => (
              <Button key={p.label} variant="secondary" disabled={pending} onClick={() => onSnooze(p.at)}>
                {p.label}
              </Button>
            ))
          : null}
      </div>
      <form
        className="flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (customValid) onSnooze(customDate);
        }}
      >
        <div className="flex-1 space-y-1">
          <label htmlFor="snooze-until" className="block text-sm font-medium text-slate-700">
            Until a time of your choice
          </label>
          <input
            id="snooze-until"
            type="datetime-local"
            value={custom}
            min={openedAt ? localInputValue(openedAt) : undefined}
            onChange={(e) => setCustom(e.target.value)}
            aria-invalid={custom && !customValid ? true : undefined}
            className="block h-10 w-full rounded-md border-0 px-3 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand focus:outline-none"
          />
        </div>
        <Button type="submit" disabled={!customValid || pending}>
          Snooze
        </Button>
      </form>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex justify-end">
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </ModalDialog>
  );
}
