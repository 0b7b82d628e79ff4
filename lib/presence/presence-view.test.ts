import { describe, expect, it } from "vitest";
import { othersPresent, presenceSentence, type PresenceRow } from "./presence-view";

const now = new Date("2026-12-06T10:00:00Z");
const later = new Date(now.getTime() + 3_000);
const earlier = new Date(now.getTime() - 1);

describe("othersPresent", () => {
  it("leaves the viewer out, merges an agent's tabs (typing in any tab wins) and lists typing agents first", () => {
    const rows: PresenceRow[] = [
      { agentId: "me", agentName: "Alex", typingUntil: later },
      { agentId: "kim", agentName: "Kim", typingUntil: null },
      { agentId: "sam", agentName: "Sam", typingUntil: null },
      { agentId: "sam", agentName: "Sam", typingUntil: later },
      { agentId: "bea", agentName: "Bea", typingUntil: null },
    ];
    expect(othersPresent(rows, "me", now)).toEqual([
      { agentId: "sam", name: "Sam", typing: true },
      { agentId: "bea", name: "Bea", typing: false },
      { agentId: "kim", name: "Kim", typing: false },
    ]);
  });

  it("a typing signal that ran out is viewing", () => {
    expect(othersPresent([{ agentId: "sam", agentName: "Sam", typingUntil: earlier }], "me", now)).toEqual([{ agentId: "sam", name: "Sam", typing: false }]);
    expect(othersPresent([{ agentId: "sam", agentName: "Sam", typingUntil: now }], "me", now)[0]!.typing).toBe(false);
  });
});

describe("presenceSentence", () => {
  const p = (name: string, typing = false) => ({ agentId: name, name, typing });
  it("says who views and who types", () => {
    expect(presenceSentence([])).toBeNull();
    expect(presenceSentence([p("Sam")])).toBe("Sam is viewing");
    expect(presenceSentence([p("Sam", true)])).toBe("Sam is typing…");
    expect(presenceSentence([p("Sam", true), p("Alex"), p("Kim")])).toBe("Sam is typing… · Alex and Kim are viewing");
    expect(presenceSentence([p("A"), p("B"), p("C")])).toBe("A, B and C are viewing");
    expect(presenceSentence([p("A", true), p("B", true), p("C", true), p("D", true)])).toBe("A, B and 2 others are typing…");
  });
});
