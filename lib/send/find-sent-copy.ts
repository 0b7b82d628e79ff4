// Did an unconfirmed send reach the person after all? The outbox reads the thread back at Meta before any
// resend and looks for our message among the Page's newest messages. Pure.
//
// Meta's Conversations API does not return `metadata` (REFERENCE.md §2 lists a message's readable fields:
// id, created_time, from, to, message, attachments…; the echo is the only place our metadata comes back). So
// the copy is recognised by what the person received: sent by this channel, at or after the first
// unconfirmed call (less a clock-skew allowance: Meta's clock is not ours, and created_time has whole
// seconds), with the same text — or, for a message of files, the same number of attachments and no text —
// and a Meta id no message of ours already carries (the same words sent twice in a row are two messages).
// When several match, the oldest is ours: later ones are other sends of the same words.
import type { GraphMessage } from "@/lib/meta/graph-types";
import { parseMetaTime } from "@/lib/meta/meta-time";

/** Meta's created_time against our clock: how far apart they may be and still be the same send. */
export const CLOCK_SKEW_ALLOWANCE_MS = 2 * 60_000;

export interface OutboxCopyQuery {
  /** The channel's id at Meta (Page id, or IG account id): the sender of our messages. */
  channelMetaId: string;
  text: string | null;
  attachmentCount: number;
  /** Start of the earliest unconfirmed Send API call, by our clock. */
  since: Date;
  /** Meta ids already attached to messages of this channel. */
  knownMids: ReadonlySet<string>;
}

const normalise = (text: string) => text.replace(/\r\n?/g, "\n").trim();

export function findSentCopy(messages: readonly GraphMessage[], query: OutboxCopyQuery): { mid: string; sentAt: Date } | null {
  const earliest = query.since.getTime() - CLOCK_SKEW_ALLOWANCE_MS;
  const wanted = query.text ? normalise(query.text) : null;
  const candidates = messages.flatMap((message) => {
    if (message.from?.id !== query.channelMetaId || query.knownMids.has(message.id)) return [];
    const sentAt = message.created_time ? parseMetaTime(message.created_time) : null;
    if (!sentAt || sentAt.getTime() < earliest) return [];
    const text = message.message ? normalise(message.message) : null;
    if (wanted !== null ? text !== wanted : text !== null || (message.attachments?.data.length ?? 0) !== query.attachmentCount) return [];
    return [{ mid: message.id, sentAt }];
  });
  candidates.sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime());
  return candidates[0] ?? null;
}
