import { describe, expect, it } from "vitest";
import type { WindowOpener } from "@/lib/policy/window-policy";
import { reopenOnInbound, type ConversationStatus } from "./reopen-on-inbound";

describe("reopenOnInbound", () => {
  it.each<[ConversationStatus, WindowOpener, ConversationStatus]>([
    ["SNOOZED", "MESSAGE", "OPEN"],
    ["SNOOZED", "POSTBACK", "OPEN"],
    ["SNOOZED", "REFERRAL", "OPEN"],
    ["SNOOZED", "AD_REFERRAL", "OPEN"],
    ["RESOLVED", "MESSAGE", "OPEN"],
    ["RESOLVED", "POSTBACK", "OPEN"],
    ["OPEN", "MESSAGE", "OPEN"],
    ["PENDING", "MESSAGE", "PENDING"],
    ["SNOOZED", "REACTION", "SNOOZED"],
    ["RESOLVED", "REACTION", "RESOLVED"],
  ])("%s + %s → %s", (status, kind, expected) => {
    const change = reopenOnInbound({ status, kind });
    expect(change?.data.status ?? status).toBe(expected);
  });

  it("a reopened conversation loses its snooze time and resolved time, and the audit names both statuses", () => {
    expect(reopenOnInbound({ status: "SNOOZED", kind: "MESSAGE" })).toEqual({
      data: { status: "OPEN", snoozedUntil: null, resolvedAt: null },
      audit: { from: "SNOOZED", to: "OPEN", snoozedUntil: null },
    });
  });
});
