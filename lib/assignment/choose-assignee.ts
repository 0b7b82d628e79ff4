// Who gets a new conversation under a channel's automatic assignment. Pure: the caller (inside the
// transaction that holds the channel's lock, lib/assignment/auto-assign-conversations.ts) hands in the agents
// who may take it now — they work the channel, are active and ONLINE — with their open conversations.
//
//   OFF          nobody: the conversation stays unassigned
//   ROUND_ROBIN  the next agent after the last one this channel assigned (by id, wrapping), skipping anyone
//                at capacity
//   LEAST_OPEN   the agent with the fewest open conversations; ties go to the next in round-robin order, so
//                equal loads are shared in turn
//
// Capacity is the most open conversations an agent holds before new ones skip them (null: no limit).
// Nobody under capacity: null (the conversation waits in Unassigned).

export const ASSIGNMENT_MODES = ["OFF", "ROUND_ROBIN", "LEAST_OPEN"] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

export interface AssignmentCandidate {
  id: string;
  openCount: number;
}

export function chooseAssignee({
  mode,
  candidates,
  capacity,
  lastAssignedId,
}: {
  mode: AssignmentMode;
  candidates: readonly AssignmentCandidate[];
  capacity: number | null;
  /** The agent this channel assigned last (round-robin's position). */
  lastAssignedId: string | null;
}): string | null {
  if (mode === "OFF") return null;
  const sorted = [...candidates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // Round-robin order: those after the last assigned first, then from the start.
  const start = lastAssignedId === null ? 0 : sorted.findIndex((c) => c.id > lastAssignedId);
  const rotated = start <= 0 ? sorted : [...sorted.slice(start), ...sorted.slice(0, start)];
  const open = rotated.filter((c) => capacity === null || c.openCount < capacity);
  if (open.length === 0) return null;
  if (mode === "ROUND_ROBIN") return open[0]!.id;
  const fewest = Math.min(...open.map((c) => c.openCount));
  return open.find((c) => c.openCount === fewest)!.id;
}
