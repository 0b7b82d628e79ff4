import { describe, expect, it } from "vitest";
import type { MessageView } from "@/lib/messages/message-view";
import { messageViewFixture } from "@/lib/messages/message-view.test-support";
import type { NoteView } from "@/lib/notes/note-view";
import { buildThreadItems, deliveryState, type PendingSend } from "./thread-items";

function message(id: string, sentAt: string, over: Partial<MessageView> = {}): MessageView {
  return messageViewFixture({ id, conversationId: "c", mid: `m_${id}`, text: id, sentAt, ...over });
}
const note = (id: string, createdAt: string): NoteView => ({ id, conversationId: "c", body: id, createdAt, author: null });
const pending = (key: string, createdAt: string): PendingSend => ({
  key,
  conversationId: "c",
  text: key,
  attachments: [],
  replyToMessageId: null,
  createdAt,
  state: "sending",
  error: null,
});

const keys = (items: ReturnType<typeof buildThreadItems>) => items.map((i) => i.key);

describe("buildThreadItems", () => {
  const messages = [message("a", "2026-11-20T09:00:00.000Z"), message("b", "2026-11-21T08:00:00.000Z"), message("c", "2026-11-21T10:00:00.000Z")];

  it("groups by day in the account's zone and places notes by time", () => {
    const items = buildThreadItems({
      messages,
      notes: [note("n1", "2026-11-21T09:00:00.000Z")],
      pending: [],
      hasOlder: false,
      historyIncomplete: false,
      timeZone: "UTC",
    });
    expect(keys(items)).toEqual(["d:2026-11-20", "m:a", "d:2026-11-21", "m:b", "n:n1", "m:c"]);
  });

  it("holds back notes older than the loaded messages while older pages exist", () => {
    const input = { messages, notes: [note("old", "2026-11-19T09:00:00.000Z")], pending: [], historyIncomplete: false, timeZone: "UTC" };
    expect(keys(buildThreadItems({ ...input, hasOlder: true }))).not.toContain("n:old");
    expect(keys(buildThreadItems({ ...input, hasOlder: false }))[1]).toBe("n:old");
  });

  it("shows the missing-history marker only once the oldest message we hold is loaded", () => {
    const input = { messages, notes: [], pending: [], timeZone: "UTC", historyIncomplete: true };
    expect(keys(buildThreadItems({ ...input, hasOlder: false }))[0]).toBe("history-marker");
    expect(keys(buildThreadItems({ ...input, hasOlder: true }))).not.toContain("history-marker");
  });

  it("drops a pending send once the server's message with its key is in the thread; others go last", () => {
    const confirmed = message("d", "2026-11-21T11:00:00.000Z", { direction: "OUTBOUND", senderKind: "AGENT", idempotencyKey: "k1" });
    const items = buildThreadItems({
      messages: [...messages, confirmed],
      notes: [],
      pending: [pending("k1", "2026-11-21T11:00:01.000Z"), pending("k2", "2026-11-21T11:00:02.000Z")],
      hasOlder: false,
      historyIncomplete: false,
      timeZone: "UTC",
    });
    expect(keys(items).slice(-2)).toEqual(["m:d", "p:k2"]);
  });
});

describe("buildThreadItems: satisfaction ratings", () => {
  const rating = (id: string, answeredAt: string | null, value: number | null = 4) => ({ surveyId: id, messageId: `m-${id}`, askedAt: "2026-12-01T10:00:00.000Z", rating: value, comment: null, answeredAt });
  const base = { notes: [], pending: [], historyIncomplete: false, timeZone: "UTC" };

  it("an answered survey is a line at the time of the answer; unanswered ones are not shown", () => {
    const items = buildThreadItems({
      ...base,
      hasOlder: false,
      messages: [message("a", "2026-12-01T10:00:00.000Z"), message("b", "2026-12-01T12:00:00.000Z")],
      ratings: [rating("r1", "2026-12-01T11:00:00.000Z"), rating("r2", null, null)],
    });
    expect(keys(items)).toEqual(["d:2026-12-01", "m:a", "r:r1", "m:b"]);
  });

  it("an answer older than the loaded part of the thread waits until it is loaded", () => {
    const items = buildThreadItems({ ...base, hasOlder: true, messages: [message("b", "2026-12-01T12:00:00.000Z")], ratings: [rating("r1", "2026-12-01T11:00:00.000Z")] });
    expect(keys(items)).toEqual(["d:2026-12-01", "m:b"]);
  });
});

describe("deliveryState", () => {
  const out = (sentAt: string, sendStatus: MessageView["sendStatus"] = "SENT") => ({ direction: "OUTBOUND" as const, sendStatus, sentAt });
  const marks = { contactDeliveredUpTo: "2026-11-21T10:00:00.000Z", contactReadUpTo: "2026-11-21T09:00:00.000Z" };
  it.each<[string, ReturnType<typeof out>, string | null]>([
    ["read: sent at the read watermark", out("2026-11-21T09:00:00.000Z"), "read"],
    ["delivered: after the read, at or before the delivery watermark", out("2026-11-21T09:30:00.000Z"), "delivered"],
    ["sent: after both", out("2026-11-21T10:00:00.001Z"), "sent"],
    ["sending", out("2026-11-21T08:00:00.000Z", "PENDING"), "sending"],
    ["failed", out("2026-11-21T08:00:00.000Z", "FAILED"), "failed"],
  ])("%s", (_name, m, expected) => expect(deliveryState(m, marks)).toBe(expected));

  it("inbound messages have no delivery state", () => {
    expect(deliveryState({ direction: "INBOUND", sendStatus: null, sentAt: "2026-11-21T08:00:00.000Z" }, marks)).toBeNull();
  });
});
