import { describe, expect, it } from "vitest";
import { BusinessCalendar, type BusinessHoursSchedule } from "./business-hours";

const BERLIN = "Europe/Berlin";
const NEW_YORK = "America/New_York";
const MIN = 60_000;
const HOUR = 60 * MIN;

/** Mon–Fri 09:00–18:00. */
const weekdays = (timeZone: string, holidays: string[] = []): BusinessHoursSchedule => ({
  timeZone,
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day, open: "09:00", close: "18:00" })),
  holidays,
});
const at = (iso: string) => new Date(iso);

describe("BusinessCalendar: open or closed", () => {
  const berlin = new BusinessCalendar(weekdays(BERLIN));

  it("is open from the opening minute up to, not including, the closing minute (Berlin winter, UTC+1)", () => {
    // Monday 2026-12-07.
    expect(berlin.isOpen(at("2026-12-07T07:59:59Z"))).toBe(false);
    expect(berlin.isOpen(at("2026-12-07T08:00:00Z"))).toBe(true);
    expect(berlin.isOpen(at("2026-12-07T16:59:59Z"))).toBe(true);
    expect(berlin.isOpen(at("2026-12-07T17:00:00Z"))).toBe(false);
  });

  it("is closed at weekends and on holidays", () => {
    expect(berlin.isOpen(at("2026-12-05T10:00:00Z"))).toBe(false); // Saturday
    expect(berlin.isOpen(at("2026-12-06T10:00:00Z"))).toBe(false); // Sunday
    const christmas = new BusinessCalendar(weekdays(BERLIN, ["2026-12-25"]));
    expect(christmas.isOpen(at("2026-12-25T10:00:00Z"))).toBe(false); // a Friday
    expect(christmas.isOpen(at("2026-12-24T10:00:00Z"))).toBe(true);
  });

  it("reads hours in the account's zone: 09:00 in New York is 14:00 UTC in winter, 13:00 in summer", () => {
    const ny = new BusinessCalendar(weekdays(NEW_YORK));
    expect(ny.isOpen(at("2026-12-07T13:59:00Z"))).toBe(false);
    expect(ny.isOpen(at("2026-12-07T14:00:00Z"))).toBe(true);
    expect(ny.isOpen(at("2026-07-06T13:00:00Z"))).toBe(true);
  });

  it("joins periods that touch at midnight (a close at 24:00 and an open at 00:00 are no gap)", () => {
    const allWeek = new BusinessCalendar({ timeZone: BERLIN, weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: "00:00", close: "24:00" })), holidays: ["2026-12-09"] });
    expect(allWeek.isOpen(at("2026-12-07T23:00:00Z"))).toBe(true); // Tuesday 00:00 local
    // Open since the last holiday, until the next one begins (Wednesday 2026-12-09 00:00 Berlin).
    expect(allWeek.closesAt(at("2026-12-07T10:00:00Z"))).toEqual(at("2026-12-08T23:00:00Z"));
    expect(allWeek.reopensAt(at("2026-12-07T10:00:00Z"))).toEqual(at("2026-12-09T23:00:00Z"));
  });
});

describe("BusinessCalendar: next opening", () => {
  const berlin = new BusinessCalendar(weekdays(BERLIN, ["2026-12-25"]));

  it("is now while open, and otherwise the next opening across the weekend and holidays", () => {
    expect(berlin.nextOpen(at("2026-12-07T10:00:00Z"))).toEqual(at("2026-12-07T10:00:00Z"));
    // Friday 18:30 → Monday 09:00.
    expect(berlin.nextOpen(at("2026-12-04T17:30:00Z"))).toEqual(at("2026-12-07T08:00:00Z"));
    // Thursday 24 Dec 19:00 → Friday is Christmas → Monday 28 Dec 09:00.
    expect(berlin.nextOpen(at("2026-12-24T18:00:00Z"))).toEqual(at("2026-12-28T08:00:00Z"));
  });

  it("follows the DST change: Monday 09:00 after Berlin's spring-forward weekend is 07:00 UTC, not 08:00", () => {
    // Friday 2026-03-27 18:00 CET (17:00Z) → Monday 2026-03-30 09:00 CEST (07:00Z).
    expect(berlin.nextOpen(at("2026-03-27T17:00:00Z"))).toEqual(at("2026-03-30T07:00:00Z"));
    expect(berlin.reopensAt(at("2026-03-27T16:00:00Z"))).toEqual(at("2026-03-30T07:00:00Z"));
    // And back in October: Monday 2026-10-26 09:00 CET is 08:00Z.
    expect(berlin.nextOpen(at("2026-10-23T16:00:00Z"))).toEqual(at("2026-10-26T08:00:00Z"));
  });

  it("is null when the team has no hours at all", () => {
    const never = new BusinessCalendar({ timeZone: BERLIN, weekly: [], holidays: [] });
    expect(never.nextOpen(at("2026-12-07T10:00:00Z"))).toBeNull();
    expect(never.addBusinessMinutes(at("2026-12-07T10:00:00Z"), 30)).toBeNull();
    expect(never.businessMsBetween(at("2026-12-07T10:00:00Z"), at("2026-12-14T10:00:00Z"))).toBe(0);
  });

  it("reopens after the current period while open, and at the next opening while closed", () => {
    expect(berlin.reopensAt(at("2026-12-07T10:00:00Z"))).toEqual(at("2026-12-08T08:00:00Z"));
    expect(berlin.reopensAt(at("2026-12-07T20:00:00Z"))).toEqual(at("2026-12-08T08:00:00Z"));
    expect(berlin.closesAt(at("2026-12-07T10:00:00Z"))).toEqual(at("2026-12-07T17:00:00Z"));
    expect(berlin.closesAt(at("2026-12-07T20:00:00Z"))).toBeNull();
  });

  it("finds the last closing before an instant (Friday 18:00 for a Sunday)", () => {
    expect(berlin.lastCloseAtOrBefore(at("2026-12-06T12:00:00Z"))).toEqual(at("2026-12-04T17:00:00Z"));
    expect(berlin.lastCloseAtOrBefore(at("2026-12-04T17:00:00Z"))).toEqual(at("2026-12-04T17:00:00Z"));
    // Open now: the previous evening's close.
    expect(berlin.lastCloseAtOrBefore(at("2026-12-08T10:00:00Z"))).toEqual(at("2026-12-07T17:00:00Z"));
  });

  it("handles several intervals a day (a lunch break)", () => {
    const lunch = new BusinessCalendar({ timeZone: "UTC", weekly: [{ day: 1, open: "09:00", close: "12:00" }, { day: 1, open: "13:00", close: "17:00" }], holidays: [] });
    expect(lunch.isOpen(at("2026-12-07T12:30:00Z"))).toBe(false);
    expect(lunch.nextOpen(at("2026-12-07T12:30:00Z"))).toEqual(at("2026-12-07T13:00:00Z"));
    expect(lunch.businessMsBetween(at("2026-12-07T08:00:00Z"), at("2026-12-07T18:00:00Z"))).toBe(7 * HOUR);
  });
});

describe("BusinessCalendar: business time", () => {
  const berlin = new BusinessCalendar(weekdays(BERLIN));
  const ny = new BusinessCalendar(weekdays(NEW_YORK));

  it("counts only open time across a weekend: Friday 17:00 → Monday 10:00 is 2 hours", () => {
    expect(berlin.businessMsBetween(at("2026-12-04T16:00:00Z"), at("2026-12-07T09:00:00Z"))).toBe(2 * HOUR);
    expect(berlin.businessMsBetween(at("2026-12-07T09:00:00Z"), at("2026-12-04T16:00:00Z"))).toBe(0);
  });

  it("adds business minutes across the weekend: 30 min from Friday 17:50 is Monday 09:20", () => {
    expect(berlin.addBusinessMinutes(at("2026-12-04T16:50:00Z"), 30)).toEqual(at("2026-12-07T08:20:00Z"));
    // Started while closed: the clock starts at the opening.
    expect(berlin.addBusinessMinutes(at("2026-12-05T12:00:00Z"), 60)).toEqual(at("2026-12-07T09:00:00Z"));
    // Exactly the rest of the day ends at the close.
    expect(berlin.addBusinessMinutes(at("2026-12-07T16:00:00Z"), 60)).toEqual(at("2026-12-07T17:00:00Z"));
  });

  it("is not fooled by the spring-forward weekend (Berlin, 29 March 2026)", () => {
    // Friday 17:00 CET → Monday 10:00 CEST: 1 h Friday + 1 h Monday; wall-clock difference is 64 h, UTC 63 h.
    expect(berlin.businessMsBetween(at("2026-03-27T16:00:00Z"), at("2026-03-30T08:00:00Z"))).toBe(2 * HOUR);
    expect(berlin.addBusinessMinutes(at("2026-03-27T16:00:00Z"), 120)).toEqual(at("2026-03-30T08:00:00Z"));
  });

  it("is not fooled by the fall-back weekend (New York, 1 November 2026)", () => {
    // Friday 2026-10-30 17:00 EDT (21:00Z) → Monday 2026-11-02 10:00 EST (15:00Z).
    expect(ny.businessMsBetween(at("2026-10-30T21:00:00Z"), at("2026-11-02T15:00:00Z"))).toBe(2 * HOUR);
    expect(ny.addBusinessMinutes(at("2026-10-30T21:00:00Z"), 90)).toEqual(at("2026-11-02T14:30:00Z"));
  });

  it("counts a DST night as the hours the clock really ran (open 24 h on the switch Sundays)", () => {
    const sundays = new BusinessCalendar({ timeZone: BERLIN, weekly: [{ day: 0, open: "00:00", close: "24:00" }], holidays: [] });
    expect(sundays.businessMsBetween(at("2026-03-28T00:00:00Z"), at("2026-03-31T00:00:00Z"))).toBe(23 * HOUR);
    expect(sundays.businessMsBetween(at("2026-10-24T00:00:00Z"), at("2026-10-27T00:00:00Z"))).toBe(25 * HOUR);
    // 01:00–04:00 wall time on the spring night is 2 real hours.
    const night = new BusinessCalendar({ timeZone: BERLIN, weekly: [{ day: 0, open: "01:00", close: "04:00" }], holidays: [] });
    expect(night.businessMsBetween(at("2026-03-28T00:00:00Z"), at("2026-03-30T00:00:00Z"))).toBe(2 * HOUR);
    expect(night.addBusinessMinutes(at("2026-03-29T00:00:00Z"), 90)).toEqual(at("2026-03-29T01:30:00Z"));
  });

  it("skips holidays in SLA time", () => {
    const withHoliday = new BusinessCalendar(weekdays(BERLIN, ["2026-12-07"]));
    expect(withHoliday.addBusinessMinutes(at("2026-12-04T16:50:00Z"), 30)).toEqual(at("2026-12-08T08:20:00Z"));
  });
});
