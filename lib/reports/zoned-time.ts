// Wall-clock dates and times in an account's IANA zone, without a date library. Reports take their date
// range as local calendar days ("2026-11-01".."2026-11-07" in Europe/Berlin); SQL turns those into instants
// itself (`date::timestamp AT TIME ZONE tz`), so these helpers are for defaults, labels and test data.
// Pure: no clock of its own.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

function partsIn(at: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/** Local wall time minus UTC at instant `at`, in milliseconds (+3 600 000 for Berlin in winter). */
export function zoneOffsetMs(at: Date, timeZone: string): number {
  const p = partsIn(at, timeZone);
  const wallAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wallAsUtc - (at.getTime() - at.getUTCMilliseconds());
}

/**
 * The instant when clocks in `timeZone` show `local` ("YYYY-MM-DDTHH:mm[:ss]"). A wall time skipped by a
 * DST jump resolves to the instant after the jump; one that occurs twice resolves to the first.
 */
export function zonedTimeToUtc(local: string, timeZone: string): Date {
  const m = DATE_TIME.exec(local);
  if (!m) throw new Error(`zonedTimeToUtc: expected YYYY-MM-DDTHH:mm, got ${local}`);
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  // A transition changes the offset at most once within a day: try the offsets in force half a day
  // before and after, keep the readings that really show this wall time, and take the earliest.
  const before = zoneOffsetMs(new Date(wall - 12 * 3_600_000), timeZone);
  const after = zoneOffsetMs(new Date(wall + 12 * 3_600_000), timeZone);
  const readings = [wall - before, wall - after].filter((t) => zoneOffsetMs(new Date(t), timeZone) === wall - t);
  // None shows it: the wall time fell into a spring-forward gap; the old offset lands just after the jump.
  return new Date(readings.length ? Math.min(...readings) : wall - before);
}

/** The calendar date ("YYYY-MM-DD") in `timeZone` at instant `at`. */
export function localDateOf(at: Date, timeZone: string): string {
  const p = partsIn(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** Whether `value` is a real calendar date written YYYY-MM-DD (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** `date` plus `days` calendar days (negative goes back). */
export function addDays(date: string, days: number): string {
  const m = DATE.exec(date);
  if (!m) throw new Error(`addDays: expected YYYY-MM-DD, got ${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days)).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (0 for the same day). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
