import { describe, expect, it } from "vitest";
import { decidePrivateReply, privateReplyDeadline, PRIVATE_REPLY_WINDOW_MS, type PrivateReplyPolicyInput } from "./private-reply-policy";

const created = new Date("2026-12-01T10:00:00.000Z");
const MIN = 60_000;
const at = (ms: number) => new Date(created.getTime() + ms);
const input = (over: Partial<PrivateReplyPolicyInput> = {}): PrivateReplyPolicyInput => ({
  commentCreatedAt: created,
  byPage: false,
  privateReplySentAt: null,
  privateReplyPending: false,
  liveBroadcastRunning: null,
  now: at(MIN),
  ...over,
});

describe("decidePrivateReply", () => {
  it("allows a fresh comment, with the deadline 7 days minus 5 minutes after Meta's comment time", () => {
    expect(decidePrivateReply(input())).toEqual({ allowed: true, deadline: at(PRIVATE_REPLY_WINDOW_MS - 5 * MIN) });
  });

  it.each([
    ["1 ms before the deadline: allowed", PRIVATE_REPLY_WINDOW_MS - 5 * MIN - 1, true],
    ["exactly at the deadline (7 d − 5 min): expired", PRIVATE_REPLY_WINDOW_MS - 5 * MIN, false],
    ["between our margin and Meta's 7 days: expired", PRIVATE_REPLY_WINDOW_MS - MIN, false],
    ["after 8 days: expired", 8 * 24 * 60 * MIN, false],
  ])("%s", (_name, age, allowed) => {
    const d = decidePrivateReply(input({ now: at(age) }));
    expect(d.allowed).toBe(allowed);
    if (!d.allowed) expect(d.reason).toBe("EXPIRED");
  });

  it("a clock behind the comment (negative age) is still inside", () => {
    expect(decidePrivateReply(input({ now: at(-10 * MIN) })).allowed).toBe(true);
  });

  it("never for the Page's own comment, even fresh", () => {
    expect(decidePrivateReply(input({ byPage: true }))).toEqual({ allowed: false, reason: "OWN_COMMENT", deadline: null });
  });

  it("once per comment: sent or in progress refuses, even inside 7 days", () => {
    expect(decidePrivateReply(input({ privateReplySentAt: at(MIN) }))).toMatchObject({ allowed: false, reason: "ALREADY_REPLIED" });
    expect(decidePrivateReply(input({ privateReplyPending: true }))).toMatchObject({ allowed: false, reason: "REPLY_IN_PROGRESS" });
  });

  it("already replied wins over expired (the agent sees what happened, not just the time)", () => {
    expect(decidePrivateReply(input({ privateReplySentAt: at(MIN), now: at(8 * 24 * 60 * MIN) }))).toMatchObject({ reason: "ALREADY_REPLIED" });
  });

  it("Instagram Live: only while the broadcast runs, whatever the age", () => {
    expect(decidePrivateReply(input({ liveBroadcastRunning: true, now: at(8 * 24 * 60 * MIN) })).allowed).toBe(true);
    expect(decidePrivateReply(input({ liveBroadcastRunning: false }))).toMatchObject({ allowed: false, reason: "LIVE_ENDED" });
  });

  it("privateReplyDeadline is 7 days minus 5 minutes", () => {
    expect(privateReplyDeadline(created).getTime() - created.getTime()).toBe(7 * 24 * 60 * MIN - 5 * MIN);
  });
});
