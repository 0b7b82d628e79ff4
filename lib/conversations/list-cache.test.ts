import { describe, expect, it } from "vitest";
import { messageViewFixture } from "@/lib/messages/message-view.test-support";
import type { ConversationListItem } from "./conversation-view";
import { placeConversation, upsertThreadMessage, type ListPage, type ThreadPageData } from "./list-cache";

const NOW = new Date("2026-11-21T12:00:00.000Z");
const ME = "11111111-1111-4111-8111-111111111111";
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

function item(id: string, h: number, over: Partial<ConversationListItem> = {}): ConversationListItem {
  return {
    id,
    status: "OPEN",
    snoozedUntil: null,
    channel: { id: "ch1", platform: "MESSENGER", name: "Page", humanAgentEnabled: true },
    contact: { id: `p-${id}`, name: id, username: null, pictureUrl: null },
    assignee: null,
    lastMessageAt: hoursAgo(h),
    lastMessagePreview: "hi",
    lastMessageDirection: "INBOUND",
    lastInboundAt: hoursAgo(h),
    lastInboundKind: "MESSAGE",
    unreadCount: 0,
    labelIds: [],
    ...over,
  };
}

const ids = (pages: ListPage[]) => pages.map((p) => p.conversations.map((c) => c.id));
const ctx = (folder: "all" | "mine" | "expiring" = "all", q: string | null = null) => ({ view: { folder, q }, agentId: ME, now: NOW });

describe("placeConversation", () => {
  const pages: ListPage[] = [
    { conversations: [item("a", 1), item("b", 2)], nextCursor: "c1" },
    { conversations: [item("c", 3), item("d", 4)], nextCursor: "c2" },
  ];

  it("a new message moves a conversation to the top", () => {
    expect(ids(placeConversation(pages, "d", item("d", 0), ctx()))).toEqual([["d", "a", "b"], ["c"]]);
  });

  it("a new conversation is inserted at its place", () => {
    expect(ids(placeConversation(pages, "e", item("e", 2.5), ctx()))).toEqual([["a", "b", "e"], ["c", "d"]]);
  });

  it("is not added past the loaded rows while more pages exist (the next page brings it)", () => {
    expect(ids(placeConversation(pages, "e", item("e", 9), ctx()))).toEqual([["a", "b"], ["c", "d"]]);
  });

  it("is appended when every page is loaded", () => {
    const complete = [{ ...pages[0]!, nextCursor: null }];
    expect(ids(placeConversation(complete, "e", item("e", 9), ctx()))).toEqual([["a", "b", "e"]]);
  });

  it("leaves the folder when it no longer belongs (resolved, assigned to someone else)", () => {
    expect(ids(placeConversation(pages, "b", item("b", 2, { status: "RESOLVED" }), ctx()))).toEqual([["a"], ["c", "d"]]);
    const mine: ListPage[] = [{ conversations: [item("a", 1, { assignee: { id: ME, name: "Me" } })], nextCursor: null }];
    expect(ids(placeConversation(mine, "a", item("a", 1, { assignee: { id: "x", name: "X" } }), ctx("mine")))).toEqual([[]]);
  });

  it("leaves when it is gone or out of the agent's scope", () => {
    expect(ids(placeConversation(pages, "a", null, ctx()))).toEqual([["b"], ["c", "d"]]);
  });

  it("search results are updated in place but never added", () => {
    expect(ids(placeConversation(pages, "e", item("e", 0), ctx("all", "parcel")))).toEqual([["a", "b"], ["c", "d"]]);
    const updated = placeConversation(pages, "b", item("b", 2, { unreadCount: 3 }), ctx("all", "parcel"));
    expect(updated[0]!.conversations[1]!.unreadCount).toBe(3);
  });

  it("Expiring soon orders by deadline", () => {
    const expiring: ListPage[] = [{ conversations: [item("x", 23), item("y", 21)], nextCursor: null }];
    expect(ids(placeConversation(expiring, "z", item("z", 22), ctx("expiring")))).toEqual([["x", "z", "y"]]);
    // Replied-to and no longer expiring? The person's last message time decides, not ours: it stays.
    expect(ids(placeConversation(expiring, "x", item("x", 23, { lastMessageAt: hoursAgo(0) }), ctx("expiring")))).toEqual([["x", "y"]]);
  });
});

const msg = (id: string, sentAt: string, text = id) => messageViewFixture({ id, conversationId: "c", mid: null, sentAt, text });

describe("upsertThreadMessage", () => {
  const pages: ThreadPageData[] = [
    { messages: [msg("c", "2026-11-21T10:00:00.000Z"), msg("d", "2026-11-21T11:00:00.000Z")], olderCursor: "x" },
    { messages: [msg("a", "2026-11-21T08:00:00.000Z"), msg("b", "2026-11-21T09:00:00.000Z")], olderCursor: "y" },
  ];
  const flat = (p: ThreadPageData[]) => p.map((page) => page.messages.map((m) => m.id));

  it("appends a new message to the newest page", () => {
    expect(flat(upsertThreadMessage(pages, msg("e", "2026-11-21T12:00:00.000Z")))).toEqual([["c", "d", "e"], ["a", "b"]]);
  });

  it("replaces a changed message where it is", () => {
    const next = upsertThreadMessage(pages, msg("a", "2026-11-21T08:00:00.000Z", "edited"));
    expect(flat(next)).toEqual([["c", "d"], ["a", "b"]]);
    expect(next[1]!.messages[0]!.text).toBe("edited");
  });

  it("inserts a late message into the page whose range holds it", () => {
    expect(flat(upsertThreadMessage(pages, msg("bb", "2026-11-21T09:30:00.000Z")))).toEqual([["c", "d"], ["a", "b", "bb"]]);
  });

  it("leaves a message older than everything loaded to its page", () => {
    expect(flat(upsertThreadMessage(pages, msg("z", "2026-11-20T08:00:00.000Z")))).toEqual([["c", "d"], ["a", "b"]]);
  });
});

describe("placing a conversation in a label's view", () => {
  it("keeps or drops it by its labels", () => {
    const pages: ListPage[] = [{ conversations: [item("a", 1, { labelIds: ["vip"] }), item("b", 2, { labelIds: ["vip"] })], nextCursor: null }];
    const view = { view: { folder: "all" as const, labelId: "vip" }, agentId: ME, now: NOW };
    expect(ids(placeConversation(pages, "b", item("b", 0.5, { labelIds: ["vip", "refund"] }), view))).toEqual([["b", "a"]]);
    expect(ids(placeConversation(pages, "b", item("b", 0.5, { labelIds: ["refund"] }), view))).toEqual([["a"]]);
    expect(ids(placeConversation(pages, "c", item("c", 0.5, { labelIds: [] }), view))).toEqual([["a", "b"]]);
  });
});
