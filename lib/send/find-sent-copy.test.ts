import { describe, expect, it } from "vitest";
import type { GraphMessage } from "@/lib/meta/graph-types";
import { CLOCK_SKEW_ALLOWANCE_MS, findSentCopy, type OutboxCopyQuery } from "./find-sent-copy";

const PAGE = "1040000000001";
const since = new Date("2026-12-06T10:00:00Z");
const at = (offsetMs: number) => new Date(since.getTime() + offsetMs).toISOString().replace(/\.\d{3}Z$/, "+0000");
const byPage = (id: string, offsetMs: number, text?: string, attachments = 0): GraphMessage => ({
  id,
  created_time: at(offsetMs),
  from: { id: PAGE, name: "Maison" },
  ...(text !== undefined ? { message: text } : {}),
  ...(attachments ? { attachments: { data: Array.from({ length: attachments }, (_, i) => ({ id: `a${i}` })) } } : {}),
});
const query = (over: Partial<OutboxCopyQuery> = {}): OutboxCopyQuery => ({ channelMetaId: PAGE, text: "Your refund is on its way.", attachmentCount: 0, since, knownMids: new Set(), ...over });

describe("finding an unconfirmed send in the thread read back from Meta", () => {
  it("finds the Page's message with the same text sent after the first unconfirmed call", () => {
    const thread = [byPage("m_3", 4_000, "Your refund is on its way."), { id: "m_2", created_time: at(2_000), from: { id: "PSID" }, message: "Your refund is on its way." }];
    expect(findSentCopy(thread, query())).toEqual({ mid: "m_3", sentAt: new Date(since.getTime() + 4_000) });
  });

  it("allows Meta's clock to be behind ours by the skew allowance, not more", () => {
    expect(findSentCopy([byPage("m_1", -CLOCK_SKEW_ALLOWANCE_MS, "Your refund is on its way.")], query())?.mid).toBe("m_1");
    expect(findSentCopy([byPage("m_1", -CLOCK_SKEW_ALLOWANCE_MS - 1_000, "Your refund is on its way.")], query())).toBeNull();
  });

  it("ignores the person's messages, other texts, and copies already attached to our messages", () => {
    const thread = [
      { id: "m_9", created_time: at(1_000), from: { id: "PSID" }, message: "Your refund is on its way." },
      byPage("m_8", 1_000, "Another reply"),
      byPage("m_7", 2_000, "Your refund is on its way."),
    ];
    expect(findSentCopy(thread, query({ knownMids: new Set(["m_7"]) }))).toBeNull();
    expect(findSentCopy(thread, query())?.mid).toBe("m_7");
  });

  it("takes the oldest of several identical copies (later ones are other sends of the same words)", () => {
    const thread = [byPage("m_b", 9_000, "ok"), byPage("m_a", 3_000, "ok")];
    expect(findSentCopy(thread, query({ text: "ok" }))?.mid).toBe("m_a");
  });

  it("compares text as the person received it (line endings, surrounding space)", () => {
    expect(findSentCopy([byPage("m_1", 1_000, "Line one\nline two ")], query({ text: "Line one\r\nline two" }))?.mid).toBe("m_1");
    expect(findSentCopy([byPage("m_1", 1_000, "Line one line two")], query({ text: "Line one\nline two" }))).toBeNull();
  });

  it("a message of files matches a Page message without text and with as many attachments", () => {
    const thread = [byPage("m_2", 1_000, undefined, 2), byPage("m_1", 1_000, undefined, 3), byPage("m_0", 1_000, "caption", 3)];
    expect(findSentCopy(thread, query({ text: null, attachmentCount: 3 }))?.mid).toBe("m_1");
    expect(findSentCopy(thread, query({ text: null, attachmentCount: 1 }))).toBeNull();
  });

  it("a message without a readable time is never taken for ours", () => {
    expect(findSentCopy([{ id: "m_1", from: { id: PAGE }, message: "Your refund is on its way." }], query())).toBeNull();
  });
});
