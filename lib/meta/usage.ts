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

function percentOf(value: unknown): number {
  if (!value || typeof value !== "object") return 0;
  let max = 0;
  for (const key of ["call_count", "total_time", "total_cputime"]) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === "number" && Number.isFinite(v)) max = Math.max(max, v);
  }
  return max;
}

function parseJson(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function readUsage(headers: Headers): UsageReading {
  let maxPercent = 0;
  let regainAccessMs = 0;
  for (const name of ["x-app-usage", "x-page-usage", "x-ad-account-usage"]) {
    maxPercent = Math.max(maxPercent, percentOf(parseJson(headers.get(name))));
  }
  const buc = parseJson(headers.get("x-business-use-case-usage"));
  if (buc && typeof buc === "object") {
    for (const entries of Object.values(buc as Record<string, unknown>)) {
      if (!Array.isArray(entries)) continue;
      for (const entry of entries) {
        maxPercent = Math.max(maxPercent, percentOf(entry));
        const minutes = (entry as Record<string, unknown>)?.estimated_time_to_regain_access;
        if (typeof minutes === "number" && minutes > 0) regainAccessMs = Math.max(regainAccessMs, minutes * 60_000);
      }
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
