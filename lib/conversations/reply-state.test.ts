import { describe, expect, it } from "vitest";
import { replyState } from "./reply-state";

describe("replyState", () => {
  it("the person wrote last: needs reply", () =>
    expect(replyState({ status: "OPEN", lastMessageDirection: "INBOUND", windowClosed: false })).toBe("needs-reply"));
  it("we wrote last: waiting on customer", () =>
    expect(replyState({ status: "SNOOZED", lastMessageDirection: "OUTBOUND", windowClosed: false })).toBe("waiting-on-customer"));
  it("nothing for resolved, closed or empty conversations", () => {
    expect(replyState({ status: "RESOLVED", lastMessageDirection: "INBOUND", windowClosed: false })).toBeNull();
    expect(replyState({ status: "OPEN", lastMessageDirection: "INBOUND", windowClosed: true })).toBeNull();
    expect(replyState({ status: "OPEN", lastMessageDirection: null, windowClosed: false })).toBeNull();
  });
});
