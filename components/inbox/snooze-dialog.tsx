"use client";

// Snooze, measured against the conversation's window: the dialog says when the last reply is possible,
// offers "1 h before the window closes", and warns on every choice that ends after it. Presets and times are
// the account's time zone (labelled); the date input is the browser's own control, so it reads in the
// browser's locale, and its value is taken as a wall time of the account's zone.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { formatDateTime } from "@/lib/conversations/format-time";
import { fromZonedInputValue, snoozePresets, timeZoneLabel, toZonedInputValue, type SnoozeWindow } from "@/lib/conversations/snooze-options";

const HOUR = 3_600_000;

/** Rendered with the time the agent opened it (null: closed); presets count from that moment. */
export function SnoozeDialog({
  openedAt,
  window,
  timeZone,
  onClose,
  onSnooze,
  pending,
  error,
}: {
  openedAt: Date | null;
  /** The conversation's window when the dialog opened (lib/conversations/snooze-options.ts). */
  window: SnoozeWindow;
  timeZone: string;
  onClose: () => void;
  onSnooze: (until: Date) => void;
  pending: boolean;
  error: string | null;
}) {
  const open = openedAt !== null;
  const [custom, setCustom] = useState(() => (openedAt ? toZonedInputValue(new Date(openedAt.getTime() + 24 * HOUR), timeZone) : ""));
  const customDate = custom ? fromZonedInputValue(custom, timeZone) : null;
  const customValid = customDate !== null && openedAt !== null && customDate > openedAt;
  const customAfterClose = customValid && window.closesAt !== null && customDate > window.closesAt;
  const zone = openedAt ? timeZoneLabel(timeZone, openedAt) : timeZone;
  const at = (d: Date) => formatDateTime(d, timeZone);
  return (
    <ModalDialog open={open} onClose={onClose} title="Snooze conversation" description="It leaves your folders until then, or until the person writes again.">
      <div className="space-y-1 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200 ring-inset" data-testid="snooze-deadline">
        {window.closesAt ? (
          <p>
            Last possible reply: <strong className="font-semibold text-slate-900">{at(window.closesAt)}</strong>
          </p>
        ) : (
          <p>No reply is possible now: the window is closed.</p>
        )}
        {window.standardEndsAt ? <p className="text-xs text-slate-600">Normal replies until {at(window.standardEndsAt)}; human agent replies after that.</p> : null}
        <p className="text-xs text-slate-500">Times in {zone}</p>
      </div>
      <div className="grid grid-cols-2 gap-2">
        {openedAt
          ? snoozePresets(openedAt, timeZone, window.closesAt).map((p) => (
              <Button
                key={p.id}
                variant="secondary"
                disabled={pending}
                onClick={() => onSnooze(p.at)}
                aria-describedby={p.endsAfterClose ? "snooze-after-close" : undefined}
                data-ends-after-close={p.endsAfterClose || undefined}
                className={cn("h-auto flex-col items-start py-1.5 text-left", p.id === "before-close" ? "col-span-2" : "", p.endsAfterClose ? "ring-red-300" : "")}
              >
                <span>{p.label}</span>
                <span className={cn("text-xs font-normal", p.endsAfterClose ? "text-red-700" : "text-slate-500")}>
                  {at(p.at)}
                  {p.endsAfterClose ? " · after the window closes" : ""}
                </span>
              </Button>
            ))
          : null}
      </div>
      <p id="snooze-after-close" className="sr-only">
        Ends after the last possible reply: the conversation would come back when no reply can be sent.
      </p>
      <form
        className="flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (customValid) onSnooze(customDate);
        }}
      >
        <div className="flex-1 space-y-1">
          <label htmlFor="snooze-until" className="block text-sm font-medium text-slate-700">
            Until a time of your choice <span className="font-normal text-slate-500">({timeZone})</span>
          </label>
          <input
            id="snooze-until"
            type="datetime-local"
            value={custom}
            min={openedAt ? toZonedInputValue(openedAt, timeZone) : undefined}
            onChange={(e) => setCustom(e.target.value)}
            aria-invalid={custom && !customValid ? true : undefined}
            aria-describedby={customAfterClose ? "snooze-custom-warning" : undefined}
            className="block h-10 w-full rounded-md border-0 px-3 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand focus:outline-none"
          />
        </div>
        <Button type="submit" disabled={!customValid || pending}>
          Snooze
        </Button>
      </form>
      {customAfterClose ? (
        <p id="snooze-custom-warning" role="alert" className="text-sm text-red-700">
          This is after the last possible reply ({at(window.closesAt!)}): the conversation would come back when no reply can be sent.
        </p>
      ) : null}
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
