import { describe, expect, it } from "vitest";
import { HOUR_MS } from "@/lib/policy/window-policy";
import { BusinessCalendar } from "./business-hours";
import { slaStatus, windowBeforeReopen, withinTarget, type WindowFlagFacts } from "./sla";

const MIN = 60_000;
const berlin = new BusinessCalendar({ timeZone: "Europe/Berlin", weekly: [1, 2, 3, 4, 5].map((day) => ({ day, open: "09:00", close: "18:00" })), holidays: [] });
const targets = { firstResponseMinutes: 30, nextResponseMinutes: 60 };
const at = (iso: string) => new Date(iso);

describe("slaStatus", () => {
  it("runs the first-response clock in business minutes across the weekend", () => {
    // Friday 17:50 Berlin; Monday 09:10 is 20 business minutes later: due 09:20, not breached.
    const status = slaStatus(berlin, targets, { waitingSince: at("2026-12-04T16:50:00Z"), answeredBefore: false }, at("2026-12-07T08:10:00Z"));
    expect(status).toEqual({ kind: "first", targetMinutes: 30, dueAt: at("2026-12-07T08:20:00Z"), breached: false, elapsedMinutes: 20 });
    expect(slaStatus(berlin, targets, { waitingSince: at("2026-12-04T16:50:00Z"), answeredBefore: false }, at("2026-12-07T08:20:00Z"))?.breached).toBe(true);
  });

  it("uses the next-response target after the team answered once", () => {
    const status = slaStatus(berlin, targets, { waitingSince: at("2026-12-07T10:00:00Z"), answeredBefore: true }, at("2026-12-07T10:30:00Z"));
    expect(status).toMatchObject({ kind: "next", targetMinutes: 60, dueAt: at("2026-12-07T11:00:00Z"), breached: false, elapsedMinutes: 30 });
  });

  it("is null when nothing waits, no target is set, or there are no hours", () => {
    expect(slaStatus(berlin, targets, { waitingSince: null, answeredBefore: true }, at("2026-12-07T10:30:00Z"))).toBeNull();
    expect(slaStatus(berlin, { firstResponseMinutes: null, nextResponseMinutes: 60 }, { waitingSince: at("2026-12-07T10:00:00Z"), answeredBefore: false }, at("2026-12-07T10:30:00Z"))).toBeNull();
    const never = new BusinessCalendar({ timeZone: "UTC", weekly: [], holidays: [] });
    expect(slaStatus(never, targets, { waitingSince: at("2026-12-07T10:00:00Z"), answeredBefore: false }, at("2026-12-07T10:30:00Z"))).toBeNull();
  });

  it("judges an answer at exactly the target as within it", () => {
    expect(withinTarget(30 * MIN, 30)).toBe(true);
    expect(withinTarget(30 * MIN + 1, 30)).toBe(false);
  });
});

describe("windowBeforeReopen", () => {
  const facts = (lastInboundAt: string, more: Partial<WindowFlagFacts> = {}): WindowFlagFacts => ({
    status: "OPEN",
    platform: "MESSENGER",
    humanAgentEnabled: false,
    lastInboundAt: at(lastInboundAt),
    lastInboundKind: "MESSAGE",
    awaitingReply: true,
    ...more,
  });
  // Friday 2026-12-04 15:00 Berlin (14:00Z): open until 18:00, reopens Monday 09:00 (08:00Z).
  const now = at("2026-12-04T14:00:00Z");

  it("flags a message whose 24 h window ends during the weekend", () => {
    // Written Friday 10:00 Berlin: the window ends Saturday 09:55.
    const flag = windowBeforeReopen(berlin, facts("2026-12-04T09:00:00Z"), now);
    expect(flag).toEqual({ windowEndsAt: new Date(at("2026-12-04T09:00:00Z").getTime() + 24 * HOUR_MS - 5 * MIN), window: "24h", reopensAt: at("2026-12-07T08:00:00Z") });
  });

  it("does not flag a window that still runs when the team reopens", () => {
    // Written Thursday 2026-12-03 on a Monday–Friday week: the window ends Friday — flagged; one written
    // Sunday evening ends Monday evening, after the reopening — not flagged.
    expect(windowBeforeReopen(berlin, facts("2026-12-06T19:00:00Z"), at("2026-12-06T20:00:00Z"))).toBeNull();
  });

  it("flags the Human Agent deadline past 24 h on a channel with the feature", () => {
    // Written 6 days ago: the 7-day deadline ends Saturday.
    const flag = windowBeforeReopen(berlin, facts("2026-11-28T12:00:00Z", { humanAgentEnabled: true }), now);
    expect(flag?.window).toBe("7d");
    expect(flag?.windowEndsAt).toEqual(new Date(at("2026-11-28T12:00:00Z").getTime() + 7 * 24 * HOUR_MS - 5 * MIN));
  });

  it("ignores resolved conversations, answered ones, closed windows and teams without hours", () => {
    expect(windowBeforeReopen(berlin, facts("2026-12-04T09:00:00Z", { status: "RESOLVED" }), now)).toBeNull();
    expect(windowBeforeReopen(berlin, facts("2026-12-04T09:00:00Z", { awaitingReply: false }), now)).toBeNull();
    expect(windowBeforeReopen(berlin, facts("2026-12-02T09:00:00Z"), now)).toBeNull();
    const never = new BusinessCalendar({ timeZone: "UTC", weekly: [], holidays: [] });
    expect(windowBeforeReopen(never, facts("2026-12-04T09:00:00Z"), now)).toBeNull();
  });
});
