// The date range of a report: whole local days in the account's zone, both ends included. Pure.
import { addDays, localDateOf } from "./zoned-time";

export interface ReportRange {
  /** First local day, YYYY-MM-DD. */
  from: string;
  /** Last local day, YYYY-MM-DD (included). */
  to: string;
}

export const DEFAULT_RANGE_DAYS = 7;

/**
 * Fills a missing end. The default is the last 7 full days in the account's zone (yesterday and the six
 * before): finished days, so the numbers do not move while the manager reads them. A lone `from` runs to today.
 */
export function resolveReportRange(query: { from?: string; to?: string }, timeZone: string, now: Date): ReportRange {
  const today = localDateOf(now, timeZone);
  if (query.from && query.to) return { from: query.from, to: query.to };
  if (query.from) return { from: query.from, to: query.from > today ? query.from : today };
  const to = query.to ?? addDays(today, -1);
  return { from: addDays(to, -(DEFAULT_RANGE_DAYS - 1)), to };
}
