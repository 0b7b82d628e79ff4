import { describe, expect, it } from "vitest";
import type { MessageView } from "@/lib/messages/message-view";
import { messageViewFixture } from "@/lib/messages/message-view.test-support";
import { buildTimeline } from "./build-timeline";

const message = (overrides: Partial<MessageView>): MessageView => messageViewFixture({ conversationId: "c1", ...overrides });

const decision = (reason: string, deadline: string) => ({
  inputs: { platform: "MESSENGER", lastInboundAt: "2026-11-02T08:00:00.000Z", lastInboundKind: "MESSAGE", now: "x", sender: "HUMAN", humanAgentEnabled: true },
  decision: { allowed: reason.endsWith("WINDOW"), reason, stage: "HUMAN_AGENT", messagingType: null, tag: null, deadline, hoursSinceInbound: 30 },
});

describe("buildTimeline", () => {
  const names = new Map([
    ["alex", "Alex"],
    ["maya", "Maya"],
  ]);

  it("merges messages, notes, audit events and lapses in time order with names", () => {
    const reply = message({ id: "m2", direction: "OUTBOUND", senderKind: "AGENT", agent: { id: "alex", name: "Alex" }, sentAt: "2026-11-03T14:00:00.000Z", messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT", sendStatus: "SENT", hoursSinceInbound: 30 });
    const entries = buildTimeline({
      contactName: "Ana",
      messages: [message({}), reply],
      notes: [{ id: "n1", body: "call back", authorId: "alex", createdAt: new Date("2026-11-02T09:00:00Z") }],
      audit: [
        { id: "a1", type: "conversation.assigned", data: { from: null, to: "alex" }, actorId: "maya", createdAt: new Date("2026-11-02T07:59:00Z") },
        { id: "a2", type: "note.added", data: { noteId: "n1" }, actorId: "alex", createdAt: new Date("2026-11-02T09:00:00Z") },
        { id: "a3", type: "send.allowed", data: { ...decision("HUMAN_AGENT_WINDOW", "2026-11-09T07:55:00.000Z"), messageId: "m2" }, actorId: "alex", createdAt: new Date("2026-11-03T14:00:00Z") },
        { id: "a4", type: "send.sent", data: { messageId: "m2" }, actorId: "alex", createdAt: new Date("2026-11-03T14:00:00Z") },
        { id: "a5", type: "conversation.status_changed", data: { from: "OPEN", to: "RESOLVED", snoozedUntil: null }, actorId: "ghost", createdAt: new Date("2026-11-03T15:00:00Z") },
      ],
      lapses: [{ openerId: "m1", openedAt: new Date("2026-11-02T08:00:00Z"), deadline: new Date("2026-11-03T07:55:00Z"), window: "24h" }],
      agentNames: names,
    });
    expect(entries.map((e) => e.kind)).toEqual(["assigned", "message", "note", "lapse", "message", "status"]);
    expect(entries[0]).toMatchObject({ actorName: "Maya", fromName: null, toName: "Alex" });
    expect(entries[1]).toMatchObject({ senderName: "Ana", decision: null });
    expect(entries[4]).toMatchObject({ senderName: "Alex", decision: { reason: "HUMAN_AGENT_WINDOW", title: "Human agent reply", deadline: "2026-11-09T07:55:00.000Z" } });
    expect(entries[5]).toMatchObject({ actorName: "Former team member", to: "RESOLVED" });
  });

  it("shows a blocked attempt with the reason and the deadline that passed", () => {
    const [entry] = buildTimeline({
      contactName: "Sam",
      messages: [],
      notes: [],
      audit: [{ id: "b1", type: "send.blocked", data: { ...decision("WINDOW_CLOSED", "2026-11-09T07:55:00.000Z"), textLength: 12, attachmentCount: 0 }, actorId: "alex", createdAt: new Date("2026-11-10T10:00:00Z") }],
      lapses: [],
      agentNames: names,
    });
    expect(entry).toMatchObject({ kind: "blocked", actorName: "Alex", reason: "WINDOW_CLOSED", title: "Reply window closed", deadline: "2026-11-09T07:55:00.000Z", textLength: 12 });
  });

  it("folds Meta failures into their message, in agent language with the fbtrace_id", () => {
    const failed = message({ id: "m3", direction: "OUTBOUND", senderKind: "AGENT", sendStatus: "FAILED", sentAt: "2026-11-02T08:05:00.000Z" });
    const [entry] = buildTimeline({
      contactName: "Priya",
      messages: [failed],
      notes: [],
      audit: [{ id: "f1", type: "send.failed", data: { messageId: "m3", code: 551, subcode: null, fbtraceId: "Trace1", final: true }, actorId: "alex", createdAt: new Date("2026-11-02T08:05:01Z") }],
      lapses: [],
      agentNames: names,
    });
    expect(entry).toMatchObject({ kind: "message", failures: [{ code: 551, fbtraceId: "Trace1", final: true }] });
    expect(entry?.kind === "message" && entry.failures[0]?.explanation).toMatch(/can't receive messages/);
  });

  it("a private reply to a comment carries the private-reply decision and its deadline, not a window decision", () => {
    const reply = message({ id: "m9", direction: "OUTBOUND", senderKind: "AGENT", agent: { id: "alex", name: "Alex" }, sentAt: "2026-11-03T14:00:00.000Z", sendStatus: "SENT" });
    const entries = buildTimeline({
      contactName: "Ana",
      messages: [reply],
      notes: [],
      lapses: [],
      agentNames: names,
      audit: [
        {
          id: "p1",
          type: "private_reply.allowed",
          data: { commentId: "c9", messageId: "m9", inputs: {}, decision: { allowed: true, reason: null, deadline: "2026-11-09T09:55:00.000Z" } },
          actorId: "alex",
          createdAt: new Date("2026-11-03T14:00:00Z"),
        },
      ],
    });
    expect(entries.map((e) => e.kind)).toEqual(["message"]);
    expect(entries[0]).toMatchObject({ decision: { reason: "PRIVATE_REPLY", deadline: "2026-11-09T09:55:00.000Z" } });
  });
});
