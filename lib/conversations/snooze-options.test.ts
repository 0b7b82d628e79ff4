import { describe, expect, it } from "vitest";
import { HOUR_MS } from "@/lib/policy/window-policy";
import { earliestSnoozeWindow, fromZonedInputValue, snoozeFacts, snoozePresets, snoozeWindow, timeZoneLabel, toZonedInputValue } from "./snooze-options";

const TZ = "Europe/Berlin";
// Saturday 21 Nov 2026, 14:00 in Berlin (13:00 UTC).
const NOW = new Date("2026-11-21T13:00:00Z");
const ago = (h: number) => new Date(NOW.getTime() - h * HOUR_MS);
const facts = (hoursAgo: number, humanAgentEnabled: boolean) =>
  ({ platform: "MESSENGER", humanAgentEnabled, lastInboundAt: ago(hoursAgo), lastInboundKind: "MESSAGE" }) as const;

describe("snoozeFacts", () => {
  it("reads the API's conversation: ISO times become dates, a person who never wrote has none", () => {
    const channel = { platform: "INSTAGRAM", humanAgentEnabled: true } as const;
    expect(snoozeFacts({ channel, lastInboundAt: "2026-11-21T12:00:00.000Z", lastInboundKind: "POSTBACK" })).toEqual({
      platform: "INSTAGRAM",
      humanAgentEnabled: true,
      lastInboundAt: new Date("2026-11-21T12:00:00Z"),
      lastInboundKind: "POSTBACK",
    });
    expect(snoozeFacts({ channel, lastInboundAt: null, lastInboundKind: null }).lastInboundAt).toBeNull();
  });
});

describe("snoozeWindow", () => {
  it("without the Human Agent feature the window closes at the 24 h cut-over", () => {
    // The person wrote at 17:00 UTC yesterday: 23 h 55 min later.
    expect(snoozeWindow(facts(20, false), NOW)).toEqual({ closesAt: new Date("2026-11-21T16:55:00Z"), standardEndsAt: null });
  });
  it("with it, at 7 days; the 24 h end is said as well while replies are normal", () => {
    expect(snoozeWindow(facts(20, true), NOW)).toEqual({ closesAt: new Date("2026-11-27T16:55:00Z"), standardEndsAt: new Date("2026-11-21T16:55:00Z") });
    expect(snoozeWindow(facts(30, true), NOW).standardEndsAt).toBeNull();
  });
  it("closed: nothing to protect", () => expect(snoozeWindow(facts(8 * 24, true), NOW)).toEqual({ closesAt: null, standardEndsAt: null }));
});

describe("snoozePresets", () => {
  it("wall times of the account's zone, whatever the browser's", () => {
    const byId = Object.fromEntries(snoozePresets(NOW, TZ, null).map((p) => [p.id, p.at.toISOString()]));
    expect(byId).toEqual({
      "1h": "2026-11-21T14:00:00.000Z",
      "3h": "2026-11-21T16:00:00.000Z",
      tomorrow: "2026-11-22T08:00:00.000Z", // 09:00 in Berlin
      monday: "2026-11-23T08:00:00.000Z",
    });
    // On Kiritimati (UTC+14) it is already Sunday 03:00: tomorrow is Monday, which is also next Monday.
    const kiritimati = Object.fromEntries(snoozePresets(NOW, "Pacific/Kiritimati", null).map((p) => [p.id, p.at.toISOString()]));
    expect(kiritimati.tomorrow).toBe("2026-11-22T19:00:00.000Z");
    expect(kiritimati.monday).toBe("2026-11-22T19:00:00.000Z");
  });

  it("offers 1 h before the window closes, and marks presets that end after it", () => {
    const closesAt = new Date("2026-11-22T08:55:00Z");
    const presets = snoozePresets(NOW, TZ, closesAt);
    expect(presets[0]).toEqual({ id: "before-close", label: "1 h before the window closes", at: new Date("2026-11-22T07:55:00Z"), endsAfterClose: false });
    expect(presets.filter((p) => p.endsAfterClose).map((p) => p.id)).toEqual(["monday"]);
    // Tomorrow 09:00 Berlin = 08:00 UTC, before 08:55: fine.
    expect(presets.find((p) => p.id === "tomorrow")?.endsAfterClose).toBe(false);
  });

  it("no 1-hour-before preset when less than an hour is left", () => {
    expect(snoozePresets(NOW, TZ, new Date(NOW.getTime() + 30 * 60_000)).map((p) => p.id)).not.toContain("before-close");
  });
});

describe("zoned input values", () => {
  it("round-trips through the account's zone", () => {
    expect(toZonedInputValue(NOW, TZ)).toBe("2026-11-21T14:00");
    expect(fromZonedInputValue("2026-11-21T14:00", TZ)).toEqual(NOW);
    expect(fromZonedInputValue("garbage", TZ)).toBeNull();
  });
  it("labels the zone with its offset", () => expect(timeZoneLabel(TZ, NOW)).toBe("Europe/Berlin (GMT+1)"));
});

describe("earliestSnoozeWindow (bulk snooze)", () => {
  it("measures against the window that closes first and ignores closed ones", () => {
    const early = snoozeWindow(facts(20, false), NOW); // 24-hour window ends in 4 h
    const late = snoozeWindow(facts(2, true), NOW); // human agent: ends in 7 d − 2 h
    const closed = snoozeWindow(facts(200, true), NOW);
    expect(earliestSnoozeWindow([late, closed, early])).toEqual({ closesAt: early.closesAt, standardEndsAt: null });
  });
  it("is closed only when every selected conversation is closed", () => {
    expect(earliestSnoozeWindow([snoozeWindow(facts(200, true), NOW)])).toEqual({ closesAt: null, standardEndsAt: null });
    expect(earliestSnoozeWindow([])).toEqual({ closesAt: null, standardEndsAt: null });
  });
});
