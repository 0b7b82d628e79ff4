// Saved replies: the variables their text may hold, how they are rendered for one conversation, how a
// shortcut is searched, and whether a sent text is the saved reply unchanged. Pure (browser and server):
// the composer renders the reply the agent inserts, and the send API renders it again from the database to
// decide — never trusting the browser — whether the agent changed it before sending.
//
// Variables: `{{contact.first_name}}`, `{{contact.name}}`, `{{agent.first_name}}`, `{{agent.name}}`, each with
// an optional fallback used when the value is unknown: `{{contact.first_name|there}}`. A person first seen in a
// webhook has no name until Meta's profile arrives; without a fallback (or with an empty one) the variable renders
// as nothing and, before a punctuation mark, so do the space and comma before it ("Hi {{contact.first_name}}," →
// "Hi,"; "Thanks, {{contact.first_name}}!" → "Thanks!").

export const SAVED_REPLY_VARIABLES = ["contact.first_name", "contact.name", "agent.first_name", "agent.name"] as const;
export type SavedReplyVariable = (typeof SAVED_REPLY_VARIABLES)[number];

export interface SavedReplyContext {
  contact: { name: string | null };
  agent: { name: string | null };
}

const VARIABLE = /\{\{\s*([a-z_.]+)\s*(?:\|([^{}]*))?\}\}/g;

/** Unknown variable names in a text (what the create / edit form refuses). */
export function unknownVariables(text: string): string[] {
  const unknown = new Set<string>();
  for (const match of text.matchAll(VARIABLE)) {
    if (!(SAVED_REPLY_VARIABLES as readonly string[]).includes(match[1]!)) unknown.add(match[1]!);
  }
  return [...unknown];
}

function firstName(name: string | null): string | null {
  const first = name?.trim().split(/\s+/)[0];
  return first ? first : null;
}

function valueOf(variable: string, context: SavedReplyContext): string | null {
  switch (variable as SavedReplyVariable) {
    case "contact.first_name":
      return firstName(context.contact.name);
    case "contact.name":
      return context.contact.name?.trim() || null;
    case "agent.first_name":
      return firstName(context.agent.name);
    case "agent.name":
      return context.agent.name?.trim() || null;
    default:
      return null;
  }
}

/** The text as it goes out for this conversation and agent. Unknown variables are kept as written. */
export function renderSavedReply(text: string, context: SavedReplyContext): string {
  const rendered = text.replace(VARIABLE, (whole, name: string, fallback: string | undefined) => {
    if (!(SAVED_REPLY_VARIABLES as readonly string[]).includes(name)) return whole;
    // An empty fallback (`{{contact.first_name|}}`) is no fallback.
    return valueOf(name, context) ?? (fallback?.trim() || "\u0000");
  });
  // An empty value takes the space before it when punctuation follows ("Hi ," → "Hi,"), else just vanishes.
  return rendered
    .replace(/,?[ \t]*\u0000(?=[,.!?;:])/g, "")
    .replace(/[ \t]*\u0000/g, "")
    .trim();
}

/** Line endings and surrounding blanks do not count as a change; anything else does. */
function normalise(text: string): string {
  return text.replace(/\r\n?/g, "\n").trim();
}

/** Whether the agent changed the saved reply before sending it (the compliance flag of a HUMAN_AGENT send). */
export function isSavedReplyEdited(rendered: string, sent: string): boolean {
  return normalise(rendered) !== normalise(sent);
}

export interface SavedReplyOption {
  id: string;
  name: string;
  shortcut: string;
  text: string;
  /** Empty: every channel of the account. */
  channelIds: string[];
}

/** The saved replies usable in a conversation of this channel. */
export function repliesForChannel<T extends Pick<SavedReplyOption, "channelIds">>(replies: readonly T[], channelId: string): T[] {
  return replies.filter((r) => r.channelIds.length === 0 || r.channelIds.includes(channelId));
}

/**
 * The `/` picker's search: shortcut prefix first, then shortcut or name containing the query, then text
 * containing it; ties by shortcut. Case- and accent-insensitive.
 */
export function searchSavedReplies<T extends Pick<SavedReplyOption, "name" | "shortcut" | "text">>(replies: readonly T[], query: string): T[] {
  const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const q = fold(query.trim());
  const ranked: { reply: T; rank: number }[] = [];
  for (const reply of replies) {
    const shortcut = fold(reply.shortcut);
    const rank = !q || shortcut.startsWith(q) ? 0 : shortcut.includes(q) || fold(reply.name).includes(q) ? 1 : fold(reply.text).includes(q) ? 2 : -1;
    if (rank >= 0) ranked.push({ reply, rank });
  }
  return ranked.sort((a, b) => a.rank - b.rank || a.reply.shortcut.localeCompare(b.reply.shortcut)).map((r) => r.reply);
}

/**
 * The `/query` being typed at the caret: a slash at the start of the text or after a space / line break,
 * followed by the query without spaces. null when the caret is not in such a token.
 */
export function slashQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)\/([^\s/]*)$/.exec(before);
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}
