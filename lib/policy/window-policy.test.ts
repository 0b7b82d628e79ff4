import { describe, expect, it } from "vitest";
import {
  decideWindow,
  HOUR_MS,
  WINDOW_REASON_TEXT,
  WINDOW_SAFETY_MARGIN_MS,
  type Platform,
  type SenderRole,
  type WindowOpener,
  type WindowPolicyInput,
} from "./window-policy";

const NOW = new Date("2026-11-21T12:00:00.000Z");
const MIN = 60_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);

function decide(overrides: Partial<WindowPolicyInput> & { ageMs?: number }) {
  const { ageMs, ...rest } = overrides;
  return decideWindow({
    platform: "MESSENGER",
    lastInboundAt: ageMs === undefined ? ago(2 * HOUR_MS) : ago(ageMs),
    lastInboundKind: "MESSAGE",
    now: NOW,
    sender: "HUMAN",
    humanAgentEnabled: true,
    ...rest,
  });
}

const outcome = (d: ReturnType<typeof decideWindow>) => (d.allowed ? `${d.messagingType}${d.tag ? `+${d.tag}` : ""}` : `blocked:${d.reason}`);

describe("window policy: the boundary table", () => {
  // [name, age since the last opener, expected outcome for a human agent on a channel with Human Agent]
  it.each<[string, number, string]>([
    ["just now", 0, "RESPONSE"],
    ["2 hours", 2 * HOUR_MS, "RESPONSE"],
    ["23 h 54 m (inside our margin)", 24 * HOUR_MS - 6 * MIN, "RESPONSE"],
    ["23 h 55 m (margin reached: switch to the tag)", 24 * HOUR_MS - WINDOW_SAFETY_MARGIN_MS, "MESSAGE_TAG+HUMAN_AGENT"],
    ["exactly 24 h", 24 * HOUR_MS, "MESSAGE_TAG+HUMAN_AGENT"],
    ["25 hours", 25 * HOUR_MS, "MESSAGE_TAG+HUMAN_AGENT"],
    ["30 hours", 30 * HOUR_MS, "MESSAGE_TAG+HUMAN_AGENT"],
    ["6 days 23 h 54 m", 168 * HOUR_MS - 6 * MIN, "MESSAGE_TAG+HUMAN_AGENT"],
    ["7 days minus our margin", 168 * HOUR_MS - WINDOW_SAFETY_MARGIN_MS, "blocked:WINDOW_CLOSED"],
    ["exactly 7 days", 168 * HOUR_MS, "blocked:WINDOW_CLOSED"],
    ["8 days", 192 * HOUR_MS, "blocked:WINDOW_CLOSED"],
  ])("%s → %s", (_name, ageMs, expected) => {
    expect(outcome(decide({ ageMs }))).toBe(expected);
  });

  it("never messaged: blocked with no deadline", () => {
    const d = decide({ lastInboundAt: null, lastInboundKind: null });
    expect(d).toMatchObject({ allowed: false, reason: "NO_INBOUND_MESSAGE", deadline: null, hoursSinceInbound: null, stage: "CLOSED" });
  });
});

describe("window policy: deadlines and hours", () => {
  it("inside 24 h the deadline is the switch to HUMAN_AGENT, and hours are reported", () => {
    const d = decide({ ageMs: 2 * HOUR_MS });
    expect(d.deadline).toEqual(new Date(ago(2 * HOUR_MS).getTime() + 24 * HOUR_MS - WINDOW_SAFETY_MARGIN_MS));
    expect(d.hoursSinceInbound).toBe(2);
    expect(d.standardWindowEndsAt).toEqual(d.deadline);
  });

  it("between 24 h and 7 d the deadline is the end of the human-agent window", () => {
    const d = decide({ ageMs: 30 * HOUR_MS });
    expect(d.deadline).toEqual(new Date(ago(30 * HOUR_MS).getTime() + 168 * HOUR_MS - WINDOW_SAFETY_MARGIN_MS));
    expect(d.humanAgentWindowEndsAt).toEqual(d.deadline);
    expect(d.hoursSinceInbound).toBe(30);
  });

  it("after 7 d the decision names the deadline that passed", () => {
    const d = decide({ ageMs: 8 * 24 * HOUR_MS });
    expect(d.allowed).toBe(false);
    expect(d.deadline).toEqual(d.humanAgentWindowEndsAt);
    expect(d.deadline!.getTime()).toBeLessThan(NOW.getTime());
  });
});

describe("window policy: clocks", () => {
  it("a clock a little ahead of Meta's only switches earlier (never sends a late RESPONSE)", () => {
    // Meta thinks 23 h 57 m passed; our clock runs 4 minutes ahead and sees 24 h 01 m.
    const metaAge = 24 * HOUR_MS - 3 * MIN;
    expect(outcome(decide({ ageMs: metaAge + 4 * MIN }))).toBe("MESSAGE_TAG+HUMAN_AGENT");
  });

  it("a clock up to our margin behind Meta's still switches before Meta's 24 h", () => {
    // Meta: exactly 24 h passed. Our clock lags 4 minutes and sees 23 h 56 m — already past our cut-over.
    expect(outcome(decide({ ageMs: 24 * HOUR_MS - 4 * MIN }))).toBe("MESSAGE_TAG+HUMAN_AGENT");
  });

  it("an opener timestamp in our future (skew) counts as just now", () => {
    const d = decide({ lastInboundAt: new Date(NOW.getTime() + 2 * MIN) });
    expect(outcome(d)).toBe("RESPONSE");
    expect(d.hoursSinceInbound).toBe(0);
  });
});

describe("window policy: who sends and what the channel may do", () => {
  it.each<[string, SenderRole, boolean, number, string]>([
    ["automation inside 24 h", "AUTOMATION", true, 2 * HOUR_MS, "RESPONSE"],
    ["automation after 24 h never uses HUMAN_AGENT", "AUTOMATION", true, 30 * HOUR_MS, "blocked:AUTOMATION_OUTSIDE_STANDARD_WINDOW"],
    ["automation after 7 d", "AUTOMATION", true, 8 * 24 * HOUR_MS, "blocked:WINDOW_CLOSED"],
    ["human, no Human Agent feature, inside 24 h", "HUMAN", false, 2 * HOUR_MS, "RESPONSE"],
    ["human, no Human Agent feature, after 24 h", "HUMAN", false, 30 * HOUR_MS, "blocked:HUMAN_AGENT_FEATURE_MISSING"],
  ])("%s", (_name, sender, humanAgentEnabled, ageMs, expected) => {
    expect(outcome(decide({ sender, humanAgentEnabled, ageMs }))).toBe(expected);
  });

  it.each<[Platform, number, string]>([
    ["INSTAGRAM", 2 * HOUR_MS, "RESPONSE"],
    ["INSTAGRAM", 30 * HOUR_MS, "MESSAGE_TAG+HUMAN_AGENT"],
    ["INSTAGRAM", 8 * 24 * HOUR_MS, "blocked:WINDOW_CLOSED"],
  ])("Instagram follows the same table (%s, %i ms)", (platform, ageMs, expected) => {
    expect(outcome(decide({ platform, ageMs }))).toBe(expected);
  });

  it.each<WindowOpener>(["MESSAGE", "POSTBACK", "REACTION", "REFERRAL", "AD_REFERRAL"])(
    "an opener of kind %s opens the standard 24 h window (ad referrals are not extended: unverified at Meta)",
    (kind) => {
      expect(outcome(decide({ lastInboundKind: kind, ageMs: 2 * HOUR_MS }))).toBe("RESPONSE");
      expect(outcome(decide({ lastInboundKind: kind, ageMs: 30 * HOUR_MS }))).toBe("MESSAGE_TAG+HUMAN_AGENT");
    },
  );
});

describe("window policy: the whole decision of every branch (stage, reason, deadline)", () => {
  const standardEnd = (age: number) => new Date(NOW.getTime() - age + 24 * HOUR_MS - WINDOW_SAFETY_MARGIN_MS);
  const humanEnd = (age: number) => new Date(NOW.getTime() - age + 168 * HOUR_MS - WINDOW_SAFETY_MARGIN_MS);

  it("inside 24 h: STANDARD stage, reason STANDARD_WINDOW, deadline = the 24 h cut-over", () => {
    expect(decide({ ageMs: 2 * HOUR_MS })).toEqual({
      allowed: true,
      stage: "STANDARD",
      messagingType: "RESPONSE",
      tag: null,
      reason: "STANDARD_WINDOW",
      deadline: standardEnd(2 * HOUR_MS),
      hoursSinceInbound: 2,
      standardWindowEndsAt: standardEnd(2 * HOUR_MS),
      humanAgentWindowEndsAt: humanEnd(2 * HOUR_MS),
    });
  });

  it("24 h–7 d, a human agent: HUMAN_AGENT stage, MESSAGE_TAG + HUMAN_AGENT, deadline = the 7-day end", () => {
    expect(decide({ ageMs: 30 * HOUR_MS })).toEqual({
      allowed: true,
      stage: "HUMAN_AGENT",
      messagingType: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
      reason: "HUMAN_AGENT_WINDOW",
      deadline: humanEnd(30 * HOUR_MS),
      hoursSinceInbound: 30,
      standardWindowEndsAt: standardEnd(30 * HOUR_MS),
      humanAgentWindowEndsAt: humanEnd(30 * HOUR_MS),
    });
  });

  it("24 h–7 d, automation: blocked in the HUMAN_AGENT stage, deadline = the 24 h cut-over that passed", () => {
    expect(decide({ ageMs: 30 * HOUR_MS, sender: "AUTOMATION" })).toEqual({
      allowed: false,
      stage: "HUMAN_AGENT",
      messagingType: null,
      tag: null,
      reason: "AUTOMATION_OUTSIDE_STANDARD_WINDOW",
      deadline: standardEnd(30 * HOUR_MS),
      hoursSinceInbound: 30,
      standardWindowEndsAt: standardEnd(30 * HOUR_MS),
      humanAgentWindowEndsAt: humanEnd(30 * HOUR_MS),
    });
  });

  it("24 h–7 d, automation on a channel without the Human Agent feature: the automation reason wins", () => {
    expect(decide({ ageMs: 30 * HOUR_MS, sender: "AUTOMATION", humanAgentEnabled: false }).reason).toBe(
      "AUTOMATION_OUTSIDE_STANDARD_WINDOW",
    );
  });

  it("24 h–7 d, no Human Agent feature: blocked in the HUMAN_AGENT stage, deadline = the 24 h cut-over", () => {
    expect(decide({ ageMs: 30 * HOUR_MS, humanAgentEnabled: false })).toEqual({
      allowed: false,
      stage: "HUMAN_AGENT",
      messagingType: null,
      tag: null,
      reason: "HUMAN_AGENT_FEATURE_MISSING",
      deadline: standardEnd(30 * HOUR_MS),
      hoursSinceInbound: 30,
      standardWindowEndsAt: standardEnd(30 * HOUR_MS),
      humanAgentWindowEndsAt: humanEnd(30 * HOUR_MS),
    });
  });

  it("after 7 d, automation too: CLOSED, reason WINDOW_CLOSED, deadline = the 7-day end", () => {
    expect(decide({ ageMs: 8 * 24 * HOUR_MS, sender: "AUTOMATION" })).toMatchObject({
      allowed: false,
      stage: "CLOSED",
      messagingType: null,
      tag: null,
      reason: "WINDOW_CLOSED",
      deadline: humanEnd(8 * 24 * HOUR_MS),
    });
  });
});

describe("window policy: every reason has words for the agent", () => {
  it.each<[keyof typeof WINDOW_REASON_TEXT, RegExp, RegExp]>([
    ["STANDARD_WINDOW", /window open/i, /last 24 hours/],
    ["HUMAN_AGENT_WINDOW", /human agent/i, /HUMAN_AGENT tag/],
    ["NO_INBOUND_MESSAGE", /no message/i, /after the person writes/],
    ["WINDOW_CLOSED", /closed/i, /7 days/],
    ["HUMAN_AGENT_FEATURE_MISSING", /Human Agent feature missing/, /App Review/],
    ["AUTOMATION_OUTSIDE_STANDARD_WINDOW", /Automated messages stopped/, /only a human agent/],
  ])("%s: a title and what the business can still do", (reason, title, detail) => {
    expect(WINDOW_REASON_TEXT[reason].title).toMatch(title);
    expect(WINDOW_REASON_TEXT[reason].detail).toMatch(detail);
  });
});
