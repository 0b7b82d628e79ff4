import { describe, expect, it } from "vitest";
import type { CommentView } from "./comment-view";
import { privateReplyLabel } from "./private-reply-label";

const now = new Date("2026-12-06T12:00:00.000Z");
const H = 3_600_000;
const reply = (over: Partial<CommentView["privateReply"]>): CommentView["privateReply"] => ({
  allowed: true,
  deadline: new Date(now.getTime() + 6 * 24 * H + 3 * H).toISOString(),
  reason: null,
  sentAt: null,
  messageId: null,
  sendStatus: null,
  agentName: null,
  conversationId: null,
  ...over,
});

describe("privateReplyLabel", () => {
  it("counts down the allowance", () => {
    expect(privateReplyLabel(reply({}), now)).toEqual({ label: "Private reply · 6 d 3 h left", tone: "open" });
  });
  it("is urgent under a day", () => {
    expect(privateReplyLabel(reply({ deadline: new Date(now.getTime() + 5 * H).toISOString() }), now)).toEqual({ label: "Private reply · 5 h 0 m left", tone: "urgent" });
  });
  it("expired when the server refused or the deadline passed on this clock", () => {
    expect(privateReplyLabel(reply({ allowed: false, reason: "EXPIRED" }), now).label).toBe("Expired");
    expect(privateReplyLabel(reply({ deadline: new Date(now.getTime() - 1).toISOString() }), now).label).toBe("Expired");
  });
  it("names who replied privately and when", () => {
    expect(privateReplyLabel(reply({ allowed: false, reason: "ALREADY_REPLIED", sendStatus: "SENT", sentAt: new Date(now.getTime() - 2 * H).toISOString(), agentName: "Alex" }), now)).toEqual({
      label: "Replied privately by Alex 2 h ago",
      tone: "done",
    });
  });
});
