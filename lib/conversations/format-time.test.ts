import { describe, expect, it } from "vitest";
import { dayKey, formatClock, formatDateTime, formatDay, formatRelative, formatUtcMinute } from "./format-time";

const TZ = "Europe/Berlin";
// Saturday 21 November 2026, 13:00 in Berlin.
const NOW = new Date("2026-11-21T12:00:00.000Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe("formatRelative", () => {
  it.each<[string, Date, string]>([
    ["seconds", ago(30_000), "now"],
    ["minutes", ago(12 * MIN), "12 m"],
    ["hours", ago(3 * HOUR + 59 * MIN), "3 h"],
    ["days", ago(2 * DAY + HOUR), "2 d"],
    ["this year", ago(9 * DAY), "12 Nov"],
    ["last year", new Date("2025-03-02T10:00:00Z"), "2 Mar 2025"],
  ])("%s", (_name, at, text) => expect(formatRelative(at, NOW, TZ)).toBe(text));
});

describe("formatDay and dayKey", () => {
  it("names today and yesterday in the account's zone, not UTC", () => {
    // 23:30 UTC on the 20th is 00:30 on the 21st in Berlin: today.
    expect(formatDay(new Date("2026-11-20T23:30:00Z"), NOW, TZ)).toBe("Today");
    expect(formatDay(new Date("2026-11-20T22:30:00Z"), NOW, TZ)).toBe("Yesterday");
    expect(dayKey(new Date("2026-11-20T23:30:00Z"), TZ)).toBe("2026-11-21");
    expect(dayKey(new Date("2026-11-20T23:30:00Z"), "UTC")).toBe("2026-11-20");
  });

  it("names the weekday within the week, the date beyond", () => {
    expect(formatDay(ago(3 * DAY), NOW, TZ)).toBe("Wednesday 18 November");
    expect(formatDay(new Date("2025-11-02T10:00:00Z"), NOW, TZ)).toBe("2 November 2025");
  });
});

describe("clock and date-time", () => {
  it("uses 24-hour time in the zone", () => {
    expect(formatClock(NOW, TZ)).toBe("13:00");
    expect(formatDateTime(NOW, TZ)).toBe("21 Nov 2026, 13:00");
  });
});

describe("formatUtcMinute", () => {
  it("is the UTC date and minute, seconds dropped, whatever the zone", () => {
    expect(formatUtcMinute(new Date("2026-11-21T23:59:59.999Z"))).toBe("2026-11-21 23:59 UTC");
    expect(formatUtcMinute(new Date("2026-03-29T01:30:00+02:00"))).toBe("2026-03-28 23:30 UTC");
  });
});
