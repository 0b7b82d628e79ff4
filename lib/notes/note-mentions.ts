// Who a private note mentions: `@` followed by a teammate's full name, first name or the part of their email
// before the `@` ("@Sam Agent", "@sam", "@sam.agent"), case and accents ignored, ended by anything that cannot
// continue a name. The longest handle wins ("@Sam Agent" is Sam Agent even when a "Sam" exists), and a first
// name two teammates share names nobody: a mention must never notify the wrong person. Pure.
import { foldForSearch } from "@/lib/conversations/search-fold";

export interface Teammate {
  id: string;
  name: string;
  email: string;
}

const NAME_CHAR = /[\p{L}\p{N}._-]/u;

interface Handle {
  folded: string;
  agentIds: Set<string>;
}

function handlesOf(teammates: readonly Teammate[]): Handle[] {
  const byHandle = new Map<string, Set<string>>();
  const add = (raw: string, id: string) => {
    const folded = foldForSearch(raw.trim()).replace(/\s+/g, " ");
    if (folded.length < 2) return;
    const ids = byHandle.get(folded) ?? new Set<string>();
    ids.add(id);
    byHandle.set(folded, ids);
  };
  for (const t of teammates) {
    add(t.name, t.id);
    add(t.name.trim().split(/\s+/)[0] ?? "", t.id);
    add(t.email.split("@")[0] ?? "", t.id);
  }
  // Longest first: "@sam agent" is tried before "@sam".
  return [...byHandle].map(([folded, agentIds]) => ({ folded, agentIds })).sort((a, b) => b.folded.length - a.folded.length);
}

/**
 * Where `handle` (folded) matches the start of `text`, character by character as folded, blanks collapsed:
 * the length of `text` it took, or null.
 */
function matchedLength(text: string, handle: string): number | null {
  let folded = "";
  let used = 0;
  for (const char of text) {
    if (folded.length >= handle.length) break;
    const piece = /\s/.test(char) ? (folded.endsWith(" ") ? "" : " ") : foldForSearch(char);
    folded += piece;
    used += char.length;
    if (!handle.startsWith(folded)) return null;
  }
  return folded === handle ? used : null;
}

/** Whether the name may end before `text[i]`: at the end, a blank or punctuation — a full stop only when a name does not continue after it. */
function endsName(text: string, i: number): boolean {
  const next = text[i];
  if (next === undefined || !NAME_CHAR.test(next)) return true;
  return next === "." && !NAME_CHAR.test(text[i + 1] ?? " ");
}

/** The ids of the teammates a note mentions, in the order first mentioned, each once. */
export function findMentions(body: string, teammates: readonly Teammate[]): string[] {
  const handles = handlesOf(teammates);
  const found: string[] = [];
  for (let at = body.indexOf("@"); at !== -1; at = body.indexOf("@", at + 1)) {
    // "x@y": an email address in the text, not a mention.
    if (at > 0 && NAME_CHAR.test(body[at - 1]!)) continue;
    const rest = body.slice(at + 1, at + 1 + 120);
    for (const handle of handles) {
      const used = matchedLength(rest, handle.folded);
      if (used === null || !endsName(rest, used)) continue;
      // A first name two teammates share names nobody.
      if (handle.agentIds.size === 1) {
        const [id] = handle.agentIds as unknown as [string];
        if (!found.includes(id)) found.push(id);
      }
      break;
    }
  }
  return found;
}

// ── the composer's `@` picker (components/inbox/mention-picker.tsx) ──

/**
 * The `@` being typed at the caret — at the start or after a blank, followed by no blank yet — with what was
 * typed after it; null when the caret is not in one.
 */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([^\s@]*)$/.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

/**
 * The teammates a typed query may mean: the full name, a word of it or the email handle starting with it
 * (case and accents ignored), those whose name starts with it first, then by name.
 */
export function searchTeammates<T extends { name: string; email?: string }>(teammates: readonly T[], query: string): T[] {
  const q = foldForSearch(query.trim());
  const rank = (t: T): number | null => {
    const name = foldForSearch(t.name);
    if (name.startsWith(q)) return 0;
    if (name.split(/\s+/).some((word) => word.startsWith(q))) return 1;
    if (t.email && foldForSearch(t.email.split("@")[0] ?? "").startsWith(q)) return 2;
    return null;
  };
  return teammates
    .map((t) => ({ t, rank: rank(t) }))
    .filter((r): r is { t: T; rank: number } => r.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.t.name.localeCompare(b.t.name))
    .map((r) => r.t);
}

/** What the picker inserts: the full name, which findMentions reads back as that teammate. */
export const mentionOf = (teammate: { name: string }) => `@${teammate.name.trim().replace(/\s+/g, " ")} `;
