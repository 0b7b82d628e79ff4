// The team's business hours: weekly opening intervals and holidays, as wall times of the account's IANA zone,
// turned into instants. Everything that asks "is the team open?", "when does it reopen?" or "how much working
// time passed?" (SLA clocks, the window-before-reopen flag, the out-of-hours auto-reply) reads this module.
//
//   a day's hours      the intervals of its weekday (0 = Sunday … 6 = Saturday), none on a holiday
//   an interval        [open, close) local wall times; close "24:00" ends at the next midnight. Each end is
//                      converted on its own date (zoned-time.ts), so a day of a DST change is as long as the
//                      clock says: 09:00–18:00 is 9 hours, 00:00–06:00 on the spring-forward night is 5.
//   open periods       the day intervals as instants, merged where they touch (Mon 00:00–24:00 and
//                      Tue 00:00–12:00 are one period), so "closes" never means a midnight that is no gap
//
// No hours at all (an empty week) means the team is never open: nextOpen is null, no SLA clock runs.
// Pure: no I/O, no clock of its own (give it instants); safe in the browser.
import { addDays, localDateOf, zonedTimeToUtc } from "@/lib/reports/zoned-time";

export const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface WeeklyInterval {
  /** 0 = Sunday … 6 = Saturday (JavaScript's getUTCDay). */
  day: number;
  /** "HH:mm", local wall time. */
  open: string;
  /** "HH:mm" after `open`, or "24:00". */
  close: string;
}

export interface BusinessHoursSchedule {
  timeZone: string;
  weekly: WeeklyInterval[];
  /** Local calendar dates ("YYYY-MM-DD") without hours. */
  holidays: string[];
}

interface Period {
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;
/** How far ahead nextOpen looks: a year of holidays is the most a team plausibly closes. */
const SEARCH_DAYS = 400;

/** Minutes since midnight of "HH:mm" ("24:00" → 1440). */
export function wallMinutes(time: string): number {
  const [h, m] = time.split(":").map(Number);
  return h! * 60 + m!;
}

function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/**
 * A schedule turned into instants, with each local day's periods remembered (the zone conversion is the
 * costly part, and SLA reports ask about the same days many times).
 */
export class BusinessCalendar {
  private readonly days = new Map<string, Period[]>();
  private readonly holidays: ReadonlySet<string>;
  readonly hasHours: boolean;

  constructor(readonly schedule: BusinessHoursSchedule) {
    this.holidays = new Set(schedule.holidays);
    this.hasHours = schedule.weekly.some((i) => wallMinutes(i.close) > wallMinutes(i.open));
  }

  /** The periods of one local date, as instants, sorted and merged. */
  private dayPeriods(date: string): Period[] {
    const cached = this.days.get(date);
    if (cached) return cached;
    const periods: Period[] = [];
    if (!this.holidays.has(date)) {
      const day = weekdayOf(date);
      for (const i of this.schedule.weekly) {
        if (i.day !== day || wallMinutes(i.close) <= wallMinutes(i.open)) continue;
        const start = zonedTimeToUtc(`${date}T${i.open}`, this.schedule.timeZone).getTime();
        const end = (i.close === "24:00" ? zonedTimeToUtc(`${addDays(date, 1)}T00:00`, this.schedule.timeZone) : zonedTimeToUtc(`${date}T${i.close}`, this.schedule.timeZone)).getTime();
        if (end > start) periods.push({ start, end });
      }
    }
    const merged = mergePeriods(periods);
    this.days.set(date, merged);
    return merged;
  }

  /** Merged periods overlapping [from, to), in order (periods crossing midnight joined). */
  periodsBetween(from: Date, to: Date): { start: Date; end: Date }[] {
    const raw: Period[] = [];
    // The day before: its "24:00" close, or a DST shift, may reach past `from`.
    for (let date = addDays(localDateOf(from, this.schedule.timeZone), -1), last = localDateOf(to, this.schedule.timeZone); date <= last; date = addDays(date, 1)) {
      raw.push(...this.dayPeriods(date));
    }
    return mergePeriods(raw)
      .filter((p) => p.end > from.getTime() && p.start < to.getTime())
      .map((p) => ({ start: new Date(p.start), end: new Date(p.end) }));
  }

  /** The merged period containing `at` (start inclusive, end exclusive), or null when closed. */
  private periodAt(at: Date): { start: Date; end: Date } | null {
    // A merged period can run over many days (24/7 hours): extend the search until it ends.
    const periods = this.periodsBetween(at, new Date(at.getTime() + 1));
    const hit = periods.find((p) => p.start <= at && at < p.end);
    if (!hit) return null;
    let end = hit.end;
    for (let guard = 0; guard < SEARCH_DAYS; guard++) {
      const next = this.periodsBetween(end, new Date(end.getTime() + 1)).find((p) => p.start <= end && end < p.end);
      if (!next || next.end <= end) break;
      end = next.end;
    }
    return { start: hit.start, end };
  }

  isOpen(at: Date): boolean {
    return this.periodAt(at) !== null;
  }

  /** `at` when open, else the next opening; null when the team never opens (within a year). */
  nextOpen(at: Date): Date | null {
    if (!this.hasHours) return null;
    if (this.isOpen(at)) return at;
    for (let from = at.getTime(), step = 0; step < SEARCH_DAYS / 7; step++, from += 7 * DAY_MS) {
      const first = this.periodsBetween(new Date(from), new Date(from + 7 * DAY_MS)).find((p) => p.start.getTime() > at.getTime());
      if (first) return first.start;
    }
    return null;
  }

  /** When the current open period ends; null when closed at `at`. */
  closesAt(at: Date): Date | null {
    return this.periodAt(at)?.end ?? null;
  }

  /**
   * When the team is next open after a closed stretch: while open, the opening after the current period
   * ends; while closed, the next opening. Null when it never reopens.
   */
  reopensAt(at: Date): Date | null {
    const closes = this.closesAt(at);
    return this.nextOpen(closes ?? at);
  }

  /** When the latest open period ending at or before `at` ended; null when none did within a year. */
  lastCloseAtOrBefore(at: Date): Date | null {
    if (!this.hasHours) return null;
    for (let weeks = 1; weeks <= SEARCH_DAYS / 7; weeks++) {
      const ended = this.periodsBetween(new Date(at.getTime() - weeks * 7 * DAY_MS), at).filter((p) => p.end <= at);
      if (ended.length) return ended.at(-1)!.end;
    }
    return null;
  }

  /** Business time between two instants (0 when `to` ≤ `from`), in milliseconds. */
  businessMsBetween(from: Date, to: Date): number {
    if (to <= from) return 0;
    let total = 0;
    for (const p of this.periodsBetween(from, to)) {
      total += Math.min(p.end.getTime(), to.getTime()) - Math.max(p.start.getTime(), from.getTime());
    }
    return total;
  }

  /** The instant `minutes` business minutes after `start`; null when the team never opens. */
  addBusinessMinutes(start: Date, minutes: number): Date | null {
    if (!this.hasHours) return null;
    let left = minutes * 60_000;
    let cursor = start.getTime();
    for (let step = 0; step < SEARCH_DAYS / 7; step++) {
      const to = cursor + 7 * DAY_MS;
      for (const p of this.periodsBetween(new Date(cursor), new Date(to))) {
        const from = Math.max(p.start.getTime(), cursor);
        const available = p.end.getTime() - from;
        if (available >= left) return new Date(from + left);
        left -= available;
        cursor = p.end.getTime();
      }
      cursor = Math.max(cursor, to);
    }
    return null;
  }
}

function mergePeriods(periods: Period[]): Period[] {
  const sorted = [...periods].sort((a, b) => a.start - b.start);
  const merged: Period[] = [];
  for (const p of sorted) {
    const last = merged.at(-1);
    if (last && p.start <= last.end) last.end = Math.max(last.end, p.end);
    else merged.push({ ...p });
  }
  return merged;
}
