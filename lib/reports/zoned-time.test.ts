import { describe, expect, it } from "vitest";
import { addDays, daysBetween, isCalendarDate, localDateOf, zoneOffsetMs, zonedTimeToUtc } from "./zoned-time";

const BERLIN = "Europe/Berlin";

describe("zoned time", () => {
  it("reads the offset on both sides of Berlin's DST end (2026-10-25 01:00 UTC)", () => {
    expect(zoneOffsetMs(new Date("2026-10-25T00:59:00Z"), BERLIN)).toBe(2 * 3_600_000);
    expect(zoneOffsetMs(new Date("2026-10-25T01:00:00Z"), BERLIN)).toBe(3_600_000);
  });

  it("turns local wall times into instants, in summer, winter and around the switch", () => {
    expect(zonedTimeToUtc("2026-11-01T00:00", BERLIN).toISOString()).toBe("2026-10-31T23:00:00.000Z");
    expect(zonedTimeToUtc("2026-07-01T00:00", BERLIN).toISOString()).toBe("2026-06-30T22:00:00.000Z");
    // 02:30 happens twice on 2026-10-25: the first (summer-time) reading wins.
    expect(zonedTimeToUtc("2026-10-25T02:30", BERLIN).toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(zonedTimeToUtc("2026-10-25T03:30", BERLIN).toISOString()).toBe("2026-10-25T02:30:00.000Z");
    // 02:30 does not exist on 2026-03-29: the instant after the jump.
    expect(zonedTimeToUtc("2026-03-29T02:30", BERLIN).toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(zonedTimeToUtc("2026-11-01T09:15:30", "UTC").toISOString()).toBe("2026-11-01T09:15:30.000Z");
    expect(zonedTimeToUtc("2026-11-01T09:00", "America/New_York").toISOString()).toBe("2026-11-01T14:00:00.000Z");
  });

  it("gives the local calendar date of an instant near midnight", () => {
    expect(localDateOf(new Date("2026-10-31T23:30:00Z"), BERLIN)).toBe("2026-11-01");
    expect(localDateOf(new Date("2026-10-31T22:59:59Z"), BERLIN)).toBe("2026-10-31");
    expect(localDateOf(new Date("2026-10-31T23:30:00Z"), "UTC")).toBe("2026-10-31");
  });

  it("validates and shifts calendar dates", () => {
    expect(isCalendarDate("2026-02-28")).toBe(true);
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("2026-11-1")).toBe(false);
    expect(addDays("2026-11-01", -1)).toBe("2026-10-31");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(daysBetween("2026-10-24", "2026-10-26")).toBe(2);
  });
});
