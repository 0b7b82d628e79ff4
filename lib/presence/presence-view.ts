// Who else has a conversation open, as the thread header shows it. Pure: the rows come from
// conversation_presence (one per browser tab), already limited to those not expired.

/** How long a tab counts as present after its last heartbeat (tabs heartbeat every PRESENCE_HEARTBEAT_MS). */
export const PRESENCE_TTL_MS = 45_000;
export const PRESENCE_HEARTBEAT_MS = 15_000;
/** A "typing" signal lasts this long unless renewed; the composer renews it while keys are pressed. */
export const TYPING_TTL_MS = 6_000;

export interface PresenceRow {
  agentId: string;
  agentName: string;
  typingUntil: Date | null;
}

export interface PresentAgent {
  agentId: string;
  name: string;
  typing: boolean;
}

/**
 * One entry per other agent (their tabs merged: typing in any tab counts), the viewer's own tabs left out,
 * typing agents first, then by name.
 */
export function othersPresent(rows: PresenceRow[], viewerAgentId: string, now: Date): PresentAgent[] {
  const byAgent = new Map<string, PresentAgent>();
  for (const row of rows) {
    if (row.agentId === viewerAgentId) continue;
    const typing = row.typingUntil !== null && row.typingUntil.getTime() > now.getTime();
    const seen = byAgent.get(row.agentId);
    if (seen) seen.typing ||= typing;
    else byAgent.set(row.agentId, { agentId: row.agentId, name: row.agentName, typing });
  }
  return [...byAgent.values()].sort((a, b) => Number(b.typing) - Number(a.typing) || a.name.localeCompare(b.name) || a.agentId.localeCompare(b.agentId));
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  if (names.length === 2) return `${names[0]} and ${names[1]}`;
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]}`;
  return `${names[0]}, ${names[1]} and ${names.length - 2} others`;
}

/** "Sam is typing…", "Sam is viewing", "Sam is typing… · Alex and Kim are viewing"; null when nobody else is there. */
export function presenceSentence(present: PresentAgent[]): string | null {
  const typing = present.filter((p) => p.typing).map((p) => p.name);
  const viewing = present.filter((p) => !p.typing).map((p) => p.name);
  const parts: string[] = [];
  if (typing.length) parts.push(`${joinNames(typing)} ${typing.length === 1 ? "is" : "are"} typing…`);
  if (viewing.length) parts.push(`${joinNames(viewing)} ${viewing.length === 1 ? "is" : "are"} viewing`);
  return parts.length ? parts.join(" · ") : null;
}
