// What a batch says about one conversation is merged into one change before its single summary update: the
// merge must equal applying the changes one after the other, in any order.
import { describe, expect, it } from "vitest";
import { mergeConversationChanges, type ConversationChange } from "./update-conversation-summary";

const at = (s: number) => new Date(1_800_000_000_000 + s * 1000);

describe("mergeConversationChanges", () => {
  it("keeps the latest opener; at the same instant the stronger kind", () => {
    const message: ConversationChange = { opener: { at: at(1), kind: "MESSAGE" } };
    const reaction: ConversationChange = { opener: { at: at(2), kind: "REACTION" } };
    expect(mergeConversationChanges(message, reaction).opener).toEqual({ at: at(2), kind: "REACTION" });
    expect(mergeConversationChanges(reaction, message).opener).toEqual({ at: at(2), kind: "REACTION" });
    const postback: ConversationChange = { opener: { at: at(2), kind: "POSTBACK" } };
    expect(mergeConversationChanges(reaction, postback).opener).toEqual({ at: at(2), kind: "POSTBACK" });
    expect(mergeConversationChanges(postback, reaction).opener).toEqual({ at: at(2), kind: "POSTBACK" });
    expect(mergeConversationChanges({ opener: { at: at(2), kind: "AD_REFERRAL" } }, { opener: { at: at(2), kind: "REFERRAL" } }).opener?.kind).toBe("AD_REFERRAL");
    expect(mergeConversationChanges({}, {}).opener).toBeNull();
  });

  it("takes watermarks and times max-wins, adds unread counts, keeps flags once on", () => {
    const merged = mergeConversationChanges(
      { deliveredUpTo: at(5), readUpTo: at(1), unreadIncrement: 2, adReferralAt: null, metaUpdatedAt: at(3), unreadAtLeast: 4, allowBackward: true },
      { deliveredUpTo: at(2), readUpTo: at(4), unreadIncrement: 1, adReferralAt: at(7), historyIncomplete: true, unreadAtLeast: null },
    );
    expect(merged).toEqual({
      opener: null,
      deliveredUpTo: at(5),
      readUpTo: at(4),
      unreadIncrement: 3,
      unreadAtLeast: 4,
      adReferralAt: at(7),
      historyIncomplete: true,
      metaUpdatedAt: at(3),
      allowBackward: true,
    });
    expect(mergeConversationChanges({ unreadAtLeast: 2 }, { unreadAtLeast: 6 }).unreadAtLeast).toBe(6);
    expect(mergeConversationChanges({}, {})).toMatchObject({ unreadIncrement: 0, historyIncomplete: false, allowBackward: false, deliveredUpTo: null });
  });
});
