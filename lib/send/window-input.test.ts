import { describe, expect, it } from "vitest";
import { decideWindow, HOUR_MS } from "@/lib/policy/window-policy";
import { sendDecisionAudit, windowClosedDetails } from "./send-decision-audit";
import { windowInputFor } from "./window-input";

// How the send path uses the policy: the stored conversation (Meta's time of the last opener) and channel
// become the policy's input at the moment of sending; the outcome is audited and, when blocked, explained.
const NOW = new Date("2026-11-21T12:00:00.000Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const messenger = { platform: "MESSENGER" as const, humanAgentEnabled: true };
const decide = (
  lastInboundAt: Date | null,
  options: { channel?: { platform: "MESSENGER" | "INSTAGRAM"; humanAgentEnabled: boolean }; sender?: "HUMAN" | "AUTOMATION" } = {},
) => {
  const input = windowInputFor(options.channel ?? messenger, { lastInboundAt, lastInboundKind: lastInboundAt ? "MESSAGE" : null }, NOW, options.sender ?? "HUMAN");
  return { input, decision: decideWindow(input) };
};

describe("the window policy at send time", () => {
  it("exactly 24 h after the person's message: a human agent's reply goes out as MESSAGE_TAG + HUMAN_AGENT", () => {
    const { decision } = decide(ago(24 * HOUR_MS));
    expect(decision).toMatchObject({ allowed: true, messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT" });
    expect(decision.hoursSinceInbound).toBe(24);
  });

  it("exactly 7 days: blocked, and the 422 names the deadline that passed", () => {
    const { decision } = decide(ago(7 * 24 * HOUR_MS));
    expect(decision).toMatchObject({ allowed: false, reason: "WINDOW_CLOSED" });
    expect(windowClosedDetails(decision)).toEqual({
      reason: "WINDOW_CLOSED",
      deadline: "2026-11-21T11:55:00.000Z",
      stage: "CLOSED",
      hoursSinceInbound: 168,
      standardWindowEndsAt: "2026-11-15T11:55:00.000Z",
      humanAgentWindowEndsAt: "2026-11-21T11:55:00.000Z",
    });
  });

  it("no message from the person ever: blocked without a deadline", () => {
    const { decision } = decide(null);
    expect(windowClosedDetails(decision)).toMatchObject({ reason: "NO_INBOUND_MESSAGE", deadline: null, hoursSinceInbound: null });
  });

  it("Instagram follows the same table", () => {
    const channel = { platform: "INSTAGRAM" as const, humanAgentEnabled: true };
    expect(decide(ago(2 * HOUR_MS), { channel }).decision.messagingType).toBe("RESPONSE");
    expect(decide(ago(30 * HOUR_MS), { channel }).decision.tag).toBe("HUMAN_AGENT");
    expect(decide(ago(8 * 24 * HOUR_MS), { channel }).decision.allowed).toBe(false);
  });

  it("automated senders never get HUMAN_AGENT", () => {
    expect(decide(ago(30 * HOUR_MS), { sender: "AUTOMATION" }).decision).toMatchObject({ allowed: false, reason: "AUTOMATION_OUTSIDE_STANDARD_WINDOW" });
    expect(decide(ago(2 * HOUR_MS), { sender: "AUTOMATION" }).decision).toMatchObject({ allowed: true, tag: null });
  });

  it("a channel without the Human Agent feature: blocked after 24 h", () => {
    expect(decide(ago(30 * HOUR_MS), { channel: { platform: "MESSENGER", humanAgentEnabled: false } }).decision.reason).toBe("HUMAN_AGENT_FEATURE_MISSING");
  });

  it("the audit record holds the decision's inputs: replaying them gives the same decision", () => {
    const { input, decision } = decide(ago(30 * HOUR_MS));
    const audit = sendDecisionAudit(input, decision);
    expect(audit.inputs).toEqual({
      platform: "MESSENGER",
      lastInboundAt: "2026-11-20T06:00:00.000Z",
      lastInboundKind: "MESSAGE",
      now: "2026-11-21T12:00:00.000Z",
      sender: "HUMAN",
      humanAgentEnabled: true,
    });
    const replayed = decideWindow({
      ...audit.inputs,
      lastInboundAt: new Date(audit.inputs.lastInboundAt!),
      lastInboundKind: "MESSAGE",
      now: new Date(audit.inputs.now),
    });
    expect(sendDecisionAudit(input, replayed).decision).toEqual(audit.decision);
    expect(audit.decision).toMatchObject({ allowed: true, reason: "HUMAN_AGENT_WINDOW", messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT", hoursSinceInbound: 30 });
  });
});
