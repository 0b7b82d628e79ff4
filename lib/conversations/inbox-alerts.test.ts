import { describe, expect, it } from "vitest";
import { isNewMessageAlert, titleWithCount } from "./inbox-alerts";

describe("titleWithCount", () => {
  it("puts the count in front, replaces an old one, and drops it at zero", () => {
    expect(titleWithCount("Conversations · Inbox", 3)).toBe("(3) Conversations · Inbox");
    expect(titleWithCount("(3) Conversations · Inbox", 12)).toBe("(12) Conversations · Inbox");
    expect(titleWithCount("(12) Conversations · Inbox", 0)).toBe("Conversations · Inbox");
    expect(titleWithCount("Inbox", 0)).toBe("Inbox");
  });
});

describe("isNewMessageAlert", () => {
  const me = "agent-me";
  const conversation = (over: Partial<Parameters<typeof isNewMessageAlert>[0]> = {}) => ({
    unreadCount: 2,
    lastMessageDirection: "INBOUND" as const,
    assignee: null,
    ...over,
  });
  it("a new message from the person in Mine or Unassigned", () => {
    expect(isNewMessageAlert(conversation(), 1, me)).toBe(true);
    expect(isNewMessageAlert(conversation({ assignee: { id: me, name: "Me" } }), 1, me)).toBe(true);
    expect(isNewMessageAlert(conversation(), null, me)).toBe(true);
  });
  it("not another agent's conversation, not our own reply, not a read or an unchanged count", () => {
    expect(isNewMessageAlert(conversation({ assignee: { id: "sam", name: "Sam" } }), 1, me)).toBe(false);
    expect(isNewMessageAlert(conversation({ lastMessageDirection: "OUTBOUND" }), 1, me)).toBe(false);
    expect(isNewMessageAlert(conversation({ unreadCount: 0 }), 2, me)).toBe(false);
    expect(isNewMessageAlert(conversation(), 2, me)).toBe(false);
    expect(isNewMessageAlert(conversation({ unreadCount: 1 }), 3, me)).toBe(false);
  });
});
