// PUT /api/admin/business-hours and the admin form: one schema. Days are 0–6 (0 = Sunday) or "SUN"…"SAT";
// times "HH:mm" in the account's zone, a close after its open ("24:00" ends at midnight); hours of one
// day must not overlap (a night shift is two intervals: Mon 22:00–24:00 and Tue 00:00–02:00).
import { z } from "zod";
import { WEEKDAYS, wallMinutes } from "@/lib/business-hours/business-hours";
import { INSTAGRAM_TEXT_LIMIT_BYTES } from "@/lib/messages/outbound-rules";
import { isCalendarDate } from "@/lib/reports/zoned-time";

/** The longest SLA target: one week of business minutes around the clock. */
export const MAX_SLA_MINUTES = 7 * 24 * 60;
export const MAX_HOLIDAYS = 366;
export const MAX_WEEKLY_INTERVALS = 7 * 6;
/** Auto-replies go to both platforms: Instagram's limit (in UTF-8 bytes) is the tighter one. */
export const AUTO_REPLY_MAX_BYTES = INSTAGRAM_TEXT_LIMIT_BYTES;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return value.length > 0;
  } catch {
    return false;
  }
}

const daySchema = z.union(
  [
    z.number().int().min(0).max(6),
    z
      .string()
      .transform((v) => v.toUpperCase())
      .pipe(z.enum(WEEKDAYS))
      .transform((v) => WEEKDAYS.indexOf(v)),
  ],
  { message: `Day: 0–6 (0 = Sunday) or one of ${WEEKDAYS.join(", ")}.` },
);

const intervalSchema = z
  .object({
    day: daySchema,
    open: z.string().regex(TIME, "Opening time: HH:mm, 00:00–23:59."),
    close: z.string().refine((v) => TIME.test(v) || v === "24:00", "Closing time: HH:mm, up to 24:00."),
  })
  .refine((i) => !TIME.test(i.open) || wallMinutes(i.close) > wallMinutes(i.open), {
    message: "The closing time must be after the opening time (split hours past midnight over two days).",
    path: ["close"],
  });

const slaMinutes = (label: string) =>
  z
    .number({ message: `${label}: a whole number of minutes.` })
    .int(`${label}: a whole number of minutes.`)
    .min(1, `${label}: at least 1 minute.`)
    .max(MAX_SLA_MINUTES, `${label}: at most ${MAX_SLA_MINUTES} minutes.`)
    .nullable();

export const businessHoursSchema = z
  .object({
    timezone: z.string().refine(isTimeZone, "Time zone: an IANA name such as Europe/Berlin.").optional(),
    weekly: z.array(intervalSchema).max(MAX_WEEKLY_INTERVALS, `At most ${MAX_WEEKLY_INTERVALS} intervals.`),
    holidays: z
      .array(z.string().refine(isCalendarDate, "Holidays: dates written YYYY-MM-DD."))
      .max(MAX_HOLIDAYS, `At most ${MAX_HOLIDAYS} holidays.`)
      .default([]),
    slaFirstResponseMinutes: slaMinutes("First response").default(null),
    slaNextResponseMinutes: slaMinutes("Next response").default(null),
    autoReply: z
      .object({
        enabled: z.boolean(),
        text: z
          .string()
          .trim()
          .refine((v) => new TextEncoder().encode(v).length <= AUTO_REPLY_MAX_BYTES, `Use at most ${AUTO_REPLY_MAX_BYTES} bytes (Instagram's limit).`)
          .nullable()
          .default(null),
      })
      .refine((a) => !a.enabled || (a.text ?? "").length > 0, { message: "Write the auto-reply, or turn it off.", path: ["text"] })
      .default({ enabled: false, text: null }),
  })
  .superRefine((value, ctx) => {
    // Overlapping hours on one day say two different things: refuse them rather than guess.
    const byDay = new Map<number, { open: number; close: number; index: number }[]>();
    value.weekly.forEach((i, index) => byDay.set(i.day, [...(byDay.get(i.day) ?? []), { open: wallMinutes(i.open), close: wallMinutes(i.close), index }]));
    for (const intervals of byDay.values()) {
      intervals.sort((a, b) => a.open - b.open);
      for (let k = 1; k < intervals.length; k++) {
        if (intervals[k]!.open < intervals[k - 1]!.close) {
          ctx.addIssue({ code: "custom", message: "Hours of the same day overlap.", path: ["weekly", intervals[k]!.index, "open"] });
        }
      }
    }
  });

export type BusinessHoursInput = z.infer<typeof businessHoursSchema>;
/** What the browser sends (days may be names). */
export type BusinessHoursRequest = z.input<typeof businessHoursSchema>;
