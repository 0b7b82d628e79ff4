import { describe, expect, it } from "vitest";
import { decideWindow, HOUR_MS } from "@/lib/policy/window-policy";
import { formatRemaining, windowBadge } from "./window-countdown";

const NOW = new Date("2026-11-21T12:00:00.000Z");
const MIN = 60_000;
const DAY = 24 * HOUR_MS;

function badgeAt(ageMs: number | null, humanAgentEnabled = true) {
  const decision = decideWindow({
    platform: "MESSENGER",
    lastInboundAt: ageMs === null ? null : new Date(NOW.getTime() - ageMs),
    lastInboundKind: ageMs === null ? null : "MESSAGE",
    now: NOW,
    sender: "HUMAN",
    humanAgentEnabled,
  });
  return windowBadge(decision, NOW);
}

describe("formatRemaining", () => {
  it.each<[number, string]>([
    [2 * DAY + 5 * HOUR_MS + 59 * MIN, "2 d 5 h"],
    [DAY, "1 d 0 h"],
    [3 * HOUR_MS + 12 * MIN + 59_000, "3 h 12 m"],
    [HOUR_MS, "1 h 0 m"],
    [59 * MIN + 59_000, "59 m"],
    [MIN, "1 m"],
    [45_500, "45 s"],
    [-5_000, "0 s"],
  ])("%d ms → %s", (ms, text) => expect(formatRemaining(ms)).toBe(text));
});

describe("windowBadge", () => {
  it("2 h after the person's message: a normal reply, green, counting down to our cut-over at 23 h 55 m", () => {
    expect(badgeAt(2 * HOUR_MS)).toMatchObject({ label: "Reply 21 h 55 m", tone: "open" });
  });

  it("turns urgent when 3 h or less remain of the standard window", () => {
    expect(badgeAt(20 * HOUR_MS + 54 * MIN).tone).toBe("open");
    expect(badgeAt(20 * HOUR_MS + 55 * MIN)).toMatchObject({ label: "Reply 3 h 0 m", tone: "urgent" });
  });

  it("30 h: human agent, amber, counting down to 6 d 23 h 55 m", () => {
    expect(badgeAt(30 * HOUR_MS)).toMatchObject({ label: "Human agent 5 d 17 h", tone: "human" });
  });

  it("turns urgent when 24 h or less remain of the human agent window", () => {
    expect(badgeAt(6 * DAY + 2 * HOUR_MS)).toMatchObject({ label: "Human agent 21 h 55 m", tone: "urgent" });
  });

  it("8 days: closed", () => {
    expect(badgeAt(8 * DAY)).toMatchObject({ label: "Closed", tone: "closed" });
  });

  it("30 h on a channel without the Human Agent feature: closed, and says why", () => {
    const badge = badgeAt(30 * HOUR_MS, false);
    expect(badge).toMatchObject({ label: "Closed", tone: "closed" });
    expect(badge.description).toContain("Human Agent feature");
  });

  it("never wrote: closed", () => {
    expect(badgeAt(null).description).toContain("has not written");
  });
});
