// Meta retired the message tags CONFIRMED_EVENT_UPDATE, ACCOUNT_UPDATE and POST_PURCHASE_UPDATE on April 27, 2026
// (a send with one answers error 100; Meta points to utility templates and Marketing Messages instead), and
// Instagram has only ever taken HUMAN_AGENT. This pins that the inbox only ever sends HUMAN_AGENT: every body
// the Send API receives is built by `sendApiRequest` from a window decision (or the HUMAN_AGENT fallback), and
// across every platform, opener, sender, feature flag and age from 0 to 8 days the tag is HUMAN_AGENT or absent.
import { describe, expect, it } from "vitest";
import { decideWindow, type Platform, type SenderRole, type WindowOpener } from "@/lib/policy/window-policy";
import { humanAgentFallback } from "./human-agent-fallback";
import { sendApiRequest } from "./send-api-request";

const RETIRED_TAGS = ["CONFIRMED_EVENT_UPDATE", "ACCOUNT_UPDATE", "POST_PURCHASE_UPDATE"];
const now = new Date("2026-12-06T12:00:00Z");

function* inputs() {
  for (const platform of ["MESSENGER", "INSTAGRAM"] as Platform[])
    for (const lastInboundKind of ["MESSAGE", "POSTBACK", "REACTION", "REFERRAL", "AD_REFERRAL"] as WindowOpener[])
      for (const sender of ["HUMAN", "AUTOMATION"] as SenderRole[])
        for (const humanAgentEnabled of [true, false])
          for (let minutes = 0; minutes <= 8 * 24 * 60; minutes += 31)
            yield { platform, lastInboundKind, sender, humanAgentEnabled, now, lastInboundAt: new Date(now.getTime() - minutes * 60_000) };
}

describe("message tags the inbox sends", () => {
  it("only HUMAN_AGENT, only with MESSAGE_TAG — for every decision of the policy and of the fallback", { timeout: 60_000 }, () => {
    const tags = new Set<string>();
    const mismatched: unknown[] = [];
    let decisions = 0;
    for (const input of inputs()) {
      for (const decision of [decideWindow(input), humanAgentFallback(input, { hasText: true })]) {
        if (!decision?.allowed) continue;
        decisions++;
        const body = sendApiRequest({ recipientId: "1", messagingType: decision.messagingType, tag: decision.tag, text: "hi", attachments: [], metadata: "inbox:v1:x", replyToMid: null });
        if (body.tag !== undefined) tags.add(String(body.tag));
        if ((body.messaging_type === "MESSAGE_TAG") !== (body.tag === "HUMAN_AGENT")) mismatched.push(body);
      }
    }
    expect(mismatched).toEqual([]);
    expect(decisions).toBeGreaterThan(5_000);
    expect([...tags]).toEqual(["HUMAN_AGENT"]);
    for (const retired of RETIRED_TAGS) expect(tags.has(retired)).toBe(false);
  });

  it("automation never gets a tag; without the Human Agent feature nothing is tagged", { timeout: 60_000 }, () => {
    const tagged = [...inputs()].filter((input) => (input.sender === "AUTOMATION" || !input.humanAgentEnabled) && decideWindow(input).tag !== null);
    expect(tagged).toEqual([]);
  });
});
