import { describe, expect, it } from "vitest";
import { HOUR_MS, type WindowPolicyInput } from "@/lib/policy/window-policy";
import { humanAgentFallback } from "./human-agent-fallback";

const NOW = new Date("2026-11-21T12:00:00.000Z");
const MIN = 60_000;
const input = (ageMs: number | null, overrides: Partial<WindowPolicyInput> = {}): WindowPolicyInput => ({
  platform: "MESSENGER",
  lastInboundAt: ageMs === null ? null : new Date(NOW.getTime() - ageMs),
  lastInboundKind: "MESSAGE",
  now: NOW,
  sender: "HUMAN",
  humanAgentEnabled: true,
  ...overrides,
});

describe("Meta refused a RESPONSE as outside the window: one more try as HUMAN_AGENT?", () => {
  it("inside our 24 h (Meta's clock disagrees) and for human text: yes, with the real hours and the 7-day deadline", () => {
    const decision = humanAgentFallback(input(23 * HOUR_MS + 50 * MIN), { hasText: true });
    expect(decision).toMatchObject({ allowed: true, messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT", reason: "HUMAN_AGENT_WINDOW" });
    expect(decision!.hoursSinceInbound).toBeCloseTo(23 + 50 / 60, 5);
    expect(decision!.deadline.toISOString()).toBe(new Date(NOW.getTime() - 23 * HOUR_MS - 50 * MIN + 7 * 24 * HOUR_MS - 5 * MIN).toISOString());
  });

  it("on Instagram the same", () => {
    expect(humanAgentFallback(input(2 * HOUR_MS, { platform: "INSTAGRAM" }), { hasText: true })?.tag).toBe("HUMAN_AGENT");
  });

  it.each<[string, WindowPolicyInput, boolean]>([
    ["an attachment without text", input(2 * HOUR_MS), false],
    ["automation", input(2 * HOUR_MS, { sender: "AUTOMATION" }), true],
    ["a channel without the Human Agent feature", input(2 * HOUR_MS, { humanAgentEnabled: false }), true],
    ["a person who never wrote", input(null), true],
    ["exactly 7 days", input(7 * 24 * HOUR_MS), true],
    ["7 days minus 1 minute (inside our margin)", input(7 * 24 * HOUR_MS - MIN), true],
  ])("never for %s", (_name, policyInput, hasText) => {
    expect(humanAgentFallback(policyInput, { hasText })).toBeNull();
  });
});
