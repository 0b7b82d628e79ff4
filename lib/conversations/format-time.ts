// Times as the inbox shows them, in the account's time zone (server and browser render the same text, so
// hydration never disagrees). Pure: no clock of its own; give it `now`.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone, ...options });
    formatters.set(key, f);
  }
  return f;
}

/** "2026-11-21" in the zone: the key the thread groups messages by. */
export function dayKey(at: Date, timeZone: string): string {
  const parts = formatter(timeZone, { year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** List rows: "now", "12 m", "3 h", "2 d", then the date ("12 Nov", "12 Nov 2025"). */
export function formatRelative(at: Date, now: Date, timeZone: string): string {
  const ago = now.getTime() - at.getTime();
  if (ago < MINUTE) return "now";
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)} m`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h`;
  if (ago < 7 * DAY) return `${Math.floor(ago / DAY)} d`;
  const sameYear = dayKey(at, timeZone).slice(0, 4) === dayKey(now, timeZone).slice(0, 4);
  return formatter(timeZone, sameYear ? { day: "numeric", month: "short" } : { day: "numeric", month: "short", year: "numeric" }).format(at);
}

/** Day separators of the thread: "Today", "Yesterday", "Monday 16 November", "16 November 2025". */
export function formatDay(at: Date, now: Date, timeZone: string): string {
  const day = dayKey(at, timeZone);
  if (day === dayKey(now, timeZone)) return "Today";
  if (day === dayKey(new Date(now.getTime() - DAY), timeZone)) return "Yesterday";
  if (now.getTime() - at.getTime() < 6 * DAY) return formatter(timeZone, { weekday: "long", day: "numeric", month: "long" }).format(at).replace(",", "");
  const sameYear = day.slice(0, 4) === dayKey(now, timeZone).slice(0, 4);
  return formatter(timeZone, sameYear ? { weekday: "long", day: "numeric", month: "long" } : { day: "numeric", month: "long", year: "numeric" })
    .format(at)
    .replace(",", "");
}

/** "14:05" */
export function formatClock(at: Date, timeZone: string): string {
  return formatter(timeZone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
}

/** "2026-11-21 13:05 UTC": the header panels (notifications, mentions), which know no account time zone. */
export function formatUtcMinute(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** "21 Nov 2026, 14:05": tooltips and the contact panel. */
export function formatDateTime(at: Date, timeZone: string): string {
  return formatter(timeZone, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
}
