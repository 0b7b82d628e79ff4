// Meta's usage headers (REFERENCE.md §6) and what they mean for our pace. Pure: no I/O.
//
//   X-App-Usage:                {"call_count":28,"total_time":25,"total_cputime":25}      (percent)
//   X-Business-Use-Case-Usage:  {"<page-id>":[{"type":"messenger","call_count":97,…,
//                                "estimated_time_to_regain_access":0}]}                 (percent, minutes)
//   X-Page-Usage (undocumented in 2026, parsed if present): same shape as X-App-Usage.

export interface UsageReading {
  /** Highest percentage of any counter in any header (0–100+). */
  maxPercent: number;
  /** Longest `estimated_time_to_regain_access` seen, in ms (0 when not blocked). */
  regainAccessMs: number;
}

type Headers = { get(name: string): string | null };

const COUNTERS = ["call_count", "total_time", "total_cputime"];

function percentOf(value: unknown): number {
  let max = 0;
  for (const key of COUNTERS) {
    const v = (value as Record<string, unknown> | null | undefined)?.[key];
    if (typeof v === "number") max = Math.max(max, v);
  }
  return max;
}

function parseJson(text: string | null): unknown {
  try {
    // Stryker disable next-line ConditionalExpression: JSON.parse(null) is null and JSON.parse("") throws, so parsing anyway ends the same
    if (text) return JSON.parse(text);
  } catch {
    // Not JSON: read as an absent header.
  }
  return null;
}

export function readUsage(headers: Headers): UsageReading {
  let maxPercent = 0;
  let regainAccessMs = 0;
  for (const name of ["x-app-usage", "x-page-usage", "x-ad-account-usage"]) {
    maxPercent = Math.max(maxPercent, percentOf(parseJson(headers.get(name))));
  }
  // {"<page-id>": [entry, …]}: anything else in that header is ignored.
  for (const entries of Object.values(parseJson(headers.get("x-business-use-case-usage")) ?? {})) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      maxPercent = Math.max(maxPercent, percentOf(entry));
      const minutes = (entry as Record<string, unknown> | null)?.estimated_time_to_regain_access;
      // 0 (not blocked) and negative estimates leave the 0 we start from.
      if (typeof minutes === "number") regainAccessMs = Math.max(regainAccessMs, minutes * 60_000);
    }
  }
  return { maxPercent, regainAccessMs };
}

/**
 * Extra wait before the next call for an owner (Page, IG account or the app) given its latest reading:
 * nothing below 75 %, then a growing pause, and Meta's own estimate when it says we are blocked.
 * Calling on while throttled lengthens the block (REFERENCE.md §6), so we rather slow down early.
 */
export function usageDelayMs(reading: UsageReading): number {
  if (reading.regainAccessMs > 0) return reading.regainAccessMs;
  if (reading.maxPercent < 75) return 0;
  if (reading.maxPercent < 90) return 250;
  if (reading.maxPercent < 100) return 1_000;
  return 5_000;
}
