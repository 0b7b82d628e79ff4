import { describe, expect, it } from "vitest";
import { chooseAssignee, type AssignmentCandidate } from "./choose-assignee";

const agents = (...counts: number[]): AssignmentCandidate[] => counts.map((openCount, i) => ({ id: `a${i}`, openCount }));

describe("chooseAssignee", () => {
  it("OFF assigns nobody", () => {
    expect(chooseAssignee({ mode: "OFF", candidates: agents(0, 0), capacity: null, lastAssignedId: null })).toBeNull();
  });

  it("round-robin takes the agents in turn, wrapping, whatever their loads", () => {
    const candidates = agents(5, 0, 9);
    const turns: string[] = [];
    let last: string | null = null;
    for (let i = 0; i < 7; i++) {
      last = chooseAssignee({ mode: "ROUND_ROBIN", candidates, capacity: null, lastAssignedId: last });
      turns.push(last!);
    }
    expect(turns).toEqual(["a0", "a1", "a2", "a0", "a1", "a2", "a0"]);
  });

  it("round-robin continues after the last assigned even when that agent is no longer a candidate (went away)", () => {
    expect(chooseAssignee({ mode: "ROUND_ROBIN", candidates: [{ id: "a0", openCount: 0 }, { id: "a2", openCount: 0 }], capacity: null, lastAssignedId: "a1" })).toBe("a2");
    expect(chooseAssignee({ mode: "ROUND_ROBIN", candidates: [{ id: "a0", openCount: 0 }], capacity: null, lastAssignedId: "a9" })).toBe("a0");
  });

  it("skips agents at capacity, and assigns nobody when all are full", () => {
    expect(chooseAssignee({ mode: "ROUND_ROBIN", candidates: agents(3, 3, 1), capacity: 3, lastAssignedId: null })).toBe("a2");
    expect(chooseAssignee({ mode: "ROUND_ROBIN", candidates: agents(3, 4), capacity: 3, lastAssignedId: null })).toBeNull();
    expect(chooseAssignee({ mode: "LEAST_OPEN", candidates: agents(3, 4), capacity: 3, lastAssignedId: null })).toBeNull();
    expect(chooseAssignee({ mode: "ROUND_ROBIN", candidates: [], capacity: null, lastAssignedId: null })).toBeNull();
  });

  it("least-open takes the fewest open, ties in round-robin order", () => {
    expect(chooseAssignee({ mode: "LEAST_OPEN", candidates: agents(4, 1, 2), capacity: null, lastAssignedId: null })).toBe("a1");
    expect(chooseAssignee({ mode: "LEAST_OPEN", candidates: agents(1, 1, 1), capacity: null, lastAssignedId: "a0" })).toBe("a1");
    expect(chooseAssignee({ mode: "LEAST_OPEN", candidates: agents(1, 1, 1), capacity: null, lastAssignedId: "a2" })).toBe("a0");
  });

  it("least-open evens out unequal loads before taking turns", () => {
    const candidates = agents(3, 0, 1);
    let last: string | null = null;
    const picks: string[] = [];
    for (let i = 0; i < 6; i++) {
      last = chooseAssignee({ mode: "LEAST_OPEN", candidates, capacity: null, lastAssignedId: last });
      picks.push(last!);
      candidates.find((c) => c.id === last)!.openCount++;
    }
    expect(picks).toEqual(["a1", "a2", "a1", "a2", "a1", "a2"]);
    expect(candidates.map((c) => c.openCount)).toEqual([3, 3, 4]);
  });
});
