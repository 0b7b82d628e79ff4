// Durations and times as a manager reads them. Pure.

const one = (n: number) => (Math.round(n * 10) / 10).toLocaleString("en-GB", { maximumFractionDigits: 1 });

/** 45 s · 17.5 min · 25 h · 3.2 d; "—" when there is no value. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "—";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${one(seconds / 60)} min`;
  if (seconds < 72 * 3600) return `${one(seconds / 3600)} h`;
  return `${one(seconds / 86400)} d`;
}

/** "12 Nov 2026, 14:05" in the account's zone (the same on server and browser: no hydration mismatch). */
export function formatDateTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(iso));
}

/** "Mon 2 Nov" for a YYYY-MM-DD day. */
export function formatDay(day: string): string {
  return new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}
