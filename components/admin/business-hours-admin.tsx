"use client";

// Admins' business hours: the weekly hours (any number of intervals per day), holidays, SLA targets in
// business minutes and the out-of-hours auto-reply, in the account's zone. The form checks with the schema
// the API uses (lib/validations/business-hours.ts) and shows field errors next to their inputs.
import { useMutation } from "@tanstack/react-query";
import { useMemo, useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { calendarOf, type BusinessHoursView } from "@/lib/business-hours/business-hours-view";
import type { WeeklyInterval } from "@/lib/business-hours/business-hours";
import { AUTO_REPLY_MAX_BYTES, businessHoursSchema } from "@/lib/validations/business-hours";

const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
/** Monday first, as most teams read a week. */
const DAY_ORDER = [1, 2, 3, 4, 5, 6, 0];

type Row = WeeklyInterval & { key: number };

/** The schema's issues keyed like the API's 400 (`weekly.0.close`). */
function fieldErrors(error: { issues: { path: PropertyKey[]; message: string }[] }): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) (fields[issue.path.map(String).join(".") || "_"] ??= []).push(issue.message);
  return fields;
}

export function BusinessHoursAdmin({ initial, serverNow }: { initial: BusinessHoursView; serverNow: number }) {
  const [saved, setSaved] = useState(initial);
  const [timezone, setTimezone] = useState(initial.timezone);
  const [rows, setRows] = useState<Row[]>(() => initial.weekly.map((i, key) => ({ ...i, key })));
  const [nextKey, setNextKey] = useState(initial.weekly.length);
  const [holidays, setHolidays] = useState(initial.holidays);
  const [holidayDraft, setHolidayDraft] = useState("");
  const [firstResponse, setFirstResponse] = useState(initial.slaFirstResponseMinutes?.toString() ?? "");
  const [nextResponse, setNextResponse] = useState(initial.slaNextResponseMinutes?.toString() ?? "");
  const [autoReplyEnabled, setAutoReplyEnabled] = useState(initial.autoReply.enabled);
  const [autoReplyText, setAutoReplyText] = useState(initial.autoReply.text ?? "");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const zones = useMemo(() => (typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : []), []);

  const save = useMutation({
    mutationFn: (input: unknown) => apiFetch<{ businessHours: BusinessHoursView }>("/api/admin/business-hours", { method: "PUT", json: input }),
    onSuccess: ({ businessHours }) => {
      setSaved(businessHours);
      setErrors({});
      setMessage("Saved.");
    },
    onError: (e) => {
      setMessage(e.message);
      if (e instanceof ApiError) setErrors((e.details?.fields as Record<string, string[]> | undefined) ?? {});
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const minutes = (v: string) => (v.trim() === "" ? null : Number(v));
    const input = {
      timezone,
      weekly: rows.map(({ day, open, close }) => ({ day, open, close })),
      holidays,
      slaFirstResponseMinutes: minutes(firstResponse),
      slaNextResponseMinutes: minutes(nextResponse),
      autoReply: { enabled: autoReplyEnabled, text: autoReplyText.trim() === "" ? null : autoReplyText },
    };
    const parsed = businessHoursSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      setMessage("Check the highlighted fields.");
      return;
    }
    setMessage(null);
    save.mutate(input);
  }

  const error = (field: string) => errors[field]?.[0];
  const sortedRows = [...rows].sort((a, b) => DAY_ORDER.indexOf(a.day) - DAY_ORDER.indexOf(b.day) || a.open.localeCompare(b.open));
  const status = useMemo(() => {
    if (!saved.configured) return "No hours saved yet: SLA clocks, the window-before-reopen flag and the auto-reply are off.";
    const calendar = calendarOf(saved);
    const now = new Date(serverNow);
    const format = (d: Date) => new Intl.DateTimeFormat("en-GB", { timeZone: saved.timezone, weekday: "short", hour: "2-digit", minute: "2-digit" }).format(d);
    if (calendar.isOpen(now)) return `Open now, until ${format(calendar.closesAt(now)!)}.`;
    const next = calendar.nextOpen(now);
    return next ? `Closed now; opens ${format(next)}.` : "Never open with these hours.";
  }, [saved, serverNow]);

  return (
    <form onSubmit={submit} noValidate aria-label="Business hours" className="space-y-6">
      <div>
        <h1 className="text-lg font-semibold">Business hours</h1>
        <p className="text-sm text-slate-600">
          When the team works. SLA targets count business minutes only; a conversation whose reply window ends before you reopen is flagged in the inbox.{" "}
          <span role="status" className="font-medium text-slate-800">
            {status}
          </span>
        </p>
      </div>

      <section aria-labelledby="hours-heading" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <h2 id="hours-heading" className="font-medium">
          Weekly hours
        </h2>
        <div className="max-w-sm">
          <Field id="bh-timezone" label="Time zone" error={error("timezone")} hint="The account's zone: hours, holidays and reports use it.">
            <Input id="bh-timezone" list="bh-zones" value={timezone} onChange={(e) => setTimezone(e.target.value)} aria-invalid={error("timezone") ? true : undefined} />
          </Field>
          <datalist id="bh-zones">
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </div>
        <ul aria-label="Opening hours" className="space-y-2">
          {sortedRows.length === 0 ? <li className="text-sm text-slate-600">No hours: the team is never open.</li> : null}
          {sortedRows.map((row) => {
            const index = rows.findIndex((r) => r.key === row.key);
            const change = (patch: Partial<WeeklyInterval>) => setRows((list) => list.map((r) => (r.key === row.key ? { ...r, ...patch } : r)));
            const rowError = error(`weekly.${index}.close`) ?? error(`weekly.${index}.open`) ?? error(`weekly.${index}.day`);
            return (
              <li key={row.key} className="flex flex-wrap items-center gap-2">
                <label className="sr-only" htmlFor={`bh-day-${row.key}`}>
                  Day
                </label>
                <div className="w-36">
                  <Select id={`bh-day-${row.key}`} value={row.day} onChange={(e) => change({ day: Number(e.target.value) })}>
                    {DAY_ORDER.map((d) => (
                      <option key={d} value={d}>
                        {DAY_NAMES[d]}
                      </option>
                    ))}
                  </Select>
                </div>
                <label className="sr-only" htmlFor={`bh-open-${row.key}`}>
                  Opens ({DAY_NAMES[row.day]})
                </label>
                <div className="w-32">
                  <Input id={`bh-open-${row.key}`} type="time" value={row.open} onChange={(e) => change({ open: e.target.value })} />
                </div>
                <span aria-hidden="true">–</span>
                <label className="sr-only" htmlFor={`bh-close-${row.key}`}>
                  Closes ({DAY_NAMES[row.day]})
                </label>
                <div className="w-24">
                  <Input
                    id={`bh-close-${row.key}`}
                    value={row.close}
                    placeholder="18:00"
                    inputMode="numeric"
                    onChange={(e) => change({ close: e.target.value })}
                    aria-invalid={rowError ? true : undefined}
                  />
                </div>
                <Button variant="ghost" size="sm" aria-label={`Remove ${DAY_NAMES[row.day]} ${row.open}–${row.close}`} onClick={() => setRows((list) => list.filter((r) => r.key !== row.key))}>
                  Remove
                </Button>
                {rowError ? <span className="w-full text-sm text-red-700">{rowError}</span> : null}
              </li>
            );
          })}
        </ul>
        <div className="flex flex-wrap gap-2">
          <Button
            variant="secondary"
            size="sm"
            onClick={() => {
              setRows((list) => [...list, { day: 1, open: "09:00", close: "18:00", key: nextKey }]);
              setNextKey((k) => k + 1);
            }}
          >
            Add hours
          </Button>
          <Button
            variant="secondary"
            size="sm"
            onClick={() => {
              setRows([1, 2, 3, 4, 5].map((day, i) => ({ day, open: "09:00", close: "18:00", key: nextKey + i })));
              setNextKey((k) => k + 5);
            }}
          >
            Monday–Friday, 09:00–18:00
          </Button>
        </div>
        <p className="text-xs text-slate-500">Closing time 24:00 ends at midnight; hours past midnight go on the next day.</p>
      </section>

      <section aria-labelledby="holidays-heading" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <h2 id="holidays-heading" className="font-medium">
          Holidays
        </h2>
        <div className="flex items-end gap-2">
          <Field id="bh-holiday" label="Closed all day on">
            <Input id="bh-holiday" type="date" value={holidayDraft} onChange={(e) => setHolidayDraft(e.target.value)} />
          </Field>
          <Button
            variant="secondary"
            disabled={!holidayDraft}
            onClick={() => {
              setHolidays((list) => [...new Set([...list, holidayDraft])].sort());
              setHolidayDraft("");
            }}
          >
            Add holiday
          </Button>
        </div>
        {error("holidays") ? <p className="text-sm text-red-700">{error("holidays")}</p> : null}
        <ul aria-label="Holidays" className="flex flex-wrap gap-2">
          {holidays.map((h) => (
            <li key={h} className="flex items-center gap-1 rounded bg-slate-100 px-2 py-0.5 text-sm">
              {h}
              <button type="button" className="rounded px-1 text-slate-600 hover:bg-slate-200" aria-label={`Remove holiday ${h}`} onClick={() => setHolidays((list) => list.filter((x) => x !== h))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="sla-heading" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <h2 id="sla-heading" className="font-medium">
          SLA targets (business minutes)
        </h2>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="bh-first" label="First response" hint="The person's first message → the team's first reply. Empty: no target." error={error("slaFirstResponseMinutes")}>
            <Input id="bh-first" inputMode="numeric" value={firstResponse} onChange={(e) => setFirstResponse(e.target.value)} aria-invalid={error("slaFirstResponseMinutes") ? true : undefined} />
          </Field>
          <Field id="bh-next" label="Next response" hint="A message after the team answered → the next reply." error={error("slaNextResponseMinutes")}>
            <Input id="bh-next" inputMode="numeric" value={nextResponse} onChange={(e) => setNextResponse(e.target.value)} aria-invalid={error("slaNextResponseMinutes") ? true : undefined} />
          </Field>
        </div>
      </section>

      <section aria-labelledby="auto-heading" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <h2 id="auto-heading" className="font-medium">
          Out-of-hours auto-reply
        </h2>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={autoReplyEnabled} onChange={(e) => setAutoReplyEnabled(e.target.checked)} />
          Answer messages that arrive while the team is closed
        </label>
        <Field
          id="bh-auto-text"
          label="Auto-reply"
          error={error("autoReply.text")}
          hint={`Sent once per conversation and closed period, only inside Meta's 24-hour window and never with a message tag. At most ${AUTO_REPLY_MAX_BYTES} bytes.`}
        >
          <textarea
            id="bh-auto-text"
            rows={3}
            value={autoReplyText}
            onChange={(e) => setAutoReplyText(e.target.value)}
            aria-invalid={error("autoReply.text") ? true : undefined}
            className="block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand focus:outline-none aria-invalid:ring-red-500"
          />
        </Field>
      </section>

      <div className="flex items-center gap-3">
        <Button type="submit" disabled={save.isPending}>
          Save business hours
        </Button>
        {message ? (
          <p role="alert" className={message === "Saved." ? "text-sm text-emerald-700" : "text-sm text-red-700"}>
            {message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
