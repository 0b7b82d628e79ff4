import { describe, expect, it } from "vitest";
import { buildCommentTimeline, type CommentTimelineInput } from "./build-comment-timeline";

const T0 = new Date("2026-11-01T10:00:00Z");
const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);
// 7 d − 5 min after T0
const DEADLINE = new Date("2026-11-08T09:55:00Z");

function input(extra: Partial<CommentTimelineInput> = {}): CommentTimelineInput {
  return {
    comment: { authorName: "Ana", text: "price?", metaCreatedAt: T0, hidden: false, deletedAt: null, isLive: false },
    publicReplies: [],
    privateReply: null,
    audit: [],
    agentNames: new Map([["alex", "Alex"]]),
    now: at(24 * 10),
    ...extra,
  };
}

const kinds = (i: CommentTimelineInput) => buildCommentTimeline(i).map((e) => e.kind);

describe("buildCommentTimeline", () => {
  it("an unanswered comment expires at its private-reply deadline, not a minute before", () => {
    const entries = buildCommentTimeline(input());
    expect(entries.map((e) => [e.kind, e.at])).toEqual([["comment", T0.toISOString()], ["expired", DEADLINE.toISOString()]]);
    expect(kinds(input({ now: new Date(DEADLINE.getTime() - 60_000) }))).toEqual(["comment"]);
  });

  it("a private reply shows who sent it and the deadline the policy allowed it until", () => {
    const entries = buildCommentTimeline(
      input({
        privateReply: { id: "m1", text: "details", at: at(2), sendStatus: "SENT", errorMessage: null, agentId: "alex", conversationId: "conv" },
        audit: [{ id: "e1", type: "private_reply.allowed", actorId: "alex", createdAt: at(2), data: { commentId: "c", messageId: "m1", decision: { allowed: true, reason: null, deadline: DEADLINE.toISOString() } } }],
      }),
    );
    expect(entries.map((e) => e.kind)).toEqual(["comment", "private_reply"]);
    expect(entries[1]).toMatchObject({ by: "Alex", state: "SENT", deadline: DEADLINE.toISOString(), conversationId: "conv" });
  });

  it("a blocked private reply keeps its reason and deadline; a failed one is no answer", () => {
    const entries = buildCommentTimeline(
      input({
        privateReply: { id: "m1", text: "x", at: at(1), sendStatus: "FAILED", errorMessage: "too old", agentId: "alex", conversationId: "conv" },
        audit: [{ id: "e2", type: "private_reply.blocked", actorId: "gone", createdAt: at(200), data: { textLength: 9, decision: { allowed: false, reason: "EXPIRED", deadline: DEADLINE.toISOString() } } }],
      }),
    );
    expect(entries.map((e) => e.kind)).toEqual(["comment", "private_reply", "expired", "private_blocked"]);
    expect(entries[3]).toMatchObject({ actorName: "Former team member", reason: "EXPIRED", deadline: DEADLINE.toISOString(), textLength: 9 });
    expect((entries[3] as { reasonText: string }).reasonText).toMatch(/7 days/);
  });

  it("a public reply before the deadline answers it (one from another app too); PENDING and late ones do not", () => {
    const reply = (id: string, hours: number, sendStatus: "SENT" | "PENDING" | "FAILED" | null) => ({ id, text: "hi", at: at(hours), sendStatus, errorMessage: null, agentId: sendStatus ? "alex" : null });
    expect(kinds(input({ publicReplies: [reply("r1", 1, null)] }))).toEqual(["comment", "public_reply"]);
    expect(buildCommentTimeline(input({ publicReplies: [reply("r1", 1, null)] }))[1]).toMatchObject({ by: "Another app (e.g. Meta Business Suite)", state: "OTHER_APP" });
    expect(kinds(input({ publicReplies: [reply("r1", 1, "PENDING"), reply("r2", 2, "FAILED")] }))).toContain("expired");
    expect(kinds(input({ publicReplies: [reply("r1", 24 * 7, "SENT")] }))).toEqual(["comment", "expired", "public_reply"]);
  });

  it("resolved without an answer, removed or on Live: no expiry; reopened before the deadline: expiry", () => {
    const status = (id: string, hours: number, to: string) => ({ id, type: "comment.status_changed", actorId: "alex", createdAt: at(hours), data: { to } });
    expect(kinds(input({ audit: [status("s1", 5, "RESOLVED")] }))).toEqual(["comment", "status"]);
    expect(kinds(input({ audit: [status("s1", 5, "RESOLVED"), status("s2", 6, "OPEN")] }))).toEqual(["comment", "status", "status", "expired"]);
    expect(kinds(input({ comment: { ...input().comment, deletedAt: at(3) } }))).toEqual(["comment"]);
    expect(kinds(input({ comment: { ...input().comment, isLive: true } }))).toEqual(["comment"]);
  });

  it("moderation events are named in the manager's words", () => {
    const entries = buildCommentTimeline(input({ now: at(1), audit: [{ id: "h", type: "comment.hidden", actorId: "alex", createdAt: at(0.5), data: {} }] }));
    expect(entries[1]).toMatchObject({ kind: "moderation", actorName: "Alex", action: "hid the comment" });
  });
});
