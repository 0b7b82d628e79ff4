import "server-only";
import type { StoredAttachment } from "./stored-attachment";
import { applyPendingMessageUpdates } from "./apply-pending-message-updates";
import type { SqlClient } from "@/lib/db";

export interface MessageImport {
  /** Meta's message id (or the stable synthetic key of a postback without mid / a referral). */
  mid: string;
  kind: "MESSAGE" | "POSTBACK" | "REFERRAL";
  direction: "INBOUND" | "OUTBOUND";
  senderKind: "CONTACT" | "OUR_APP" | "OTHER_APP";
  appId: string | null;
  text: string | null;
  attachments: StoredAttachment[] | null;
  payload: Record<string, unknown> | null;
  replyToMid: string | null;
  /** Meta's time of the message. */
  sentAt: Date;
}

/** A message and the conversation it belongs to. */
export interface MessageRow extends MessageImport {
  accountId: string;
  channelId: string;
  conversationId: string;
}

export interface ImportedMessage {
  id: string;
  mid: string;
  channelId: string;
  conversationId: string;
  inserted: boolean;
}

/**
 * Upserts messages on (channel, mid) — a replay, a duplicate delivery or a second sync never creates a second
 * row — in one statement for any number of conversations. Merging what two sources say about one message:
 *
 * - `sent_at`: the later value wins. Webhooks carry milliseconds, Graph `created_time` is floored to the
 *   second, so the precise time survives whatever arrives first (and duplicates agree).
 * - text: a webhook never overwrites stored text (a message's content only changes through edits, which
 *   count `edit_count`); Graph — Meta's current state — repairs the text of a message we hold no edit for
 *   (a missed `message_edit`).
 * - kind: POSTBACK/REFERRAL (from webhooks) is never downgraded to MESSAGE (how Graph lists a postback).
 * - app_id / sender kind: an echo's app_id fills in what a Graph import could not know (Graph has no app
 *   ids); a message our outbox sent (AGENT) stays ours.
 *
 * The same mid twice in one call (a duplicate delivery inside one batch) is merged in a second statement, as
 * if it had arrived later: Postgres cannot upsert one row twice in a statement. New rows pick up what
 * webhooks said about them before they arrived (lib/sync/apply-pending-message-updates.ts).
 */
export async function insertMessages(tx: SqlClient, source: "webhook" | "graph", messages: MessageRow[]): Promise<ImportedMessage[]> {
  const rounds: MessageRow[][] = [];
  const seen = new Map<string, number>();
  for (const message of messages) {
    const key = `${message.channelId}\u0001${message.mid}`;
    const round = seen.get(key) ?? 0;
    seen.set(key, round + 1);
    (rounds[round] ??= []).push(message);
  }
  const result: ImportedMessage[] = [];
  const ids = new Set<string>();
  for (const round of rounds) {
    // A row inserted by an earlier round is new to the caller, whatever later rounds say.
    for (const row of await upsertRound(tx, source, round)) {
      if (ids.has(row.id)) continue;
      ids.add(row.id);
      result.push(row);
    }
  }
  const inserted = result.filter((r) => r.inserted);
  if (inserted.length > 0) await applyPendingMessageUpdates(tx, inserted);
  return result;
}

async function upsertRound(tx: SqlClient, source: "webhook" | "graph", messages: MessageRow[]): Promise<ImportedMessage[]> {
  const col = <T>(pick: (m: MessageRow) => T) => messages.map(pick);
  const graph = source === "graph";
  return tx.$queryRaw<ImportedMessage[]>`
    INSERT INTO messages (account_id, channel_id, conversation_id, mid, kind, direction, sender_kind, app_id, text, attachments, payload, reply_to_mid, sent_at)
    SELECT t.account_id, t.channel_id, t.conversation_id, t.mid, t.kind::message_kind,
           t.direction::message_direction, t.sender_kind::sender_kind, t.app_id, t.text, t.attachments::jsonb, t.payload::jsonb,
           t.reply_to_mid, t.sent_at
      FROM unnest(${col((m) => m.accountId)}::uuid[], ${col((m) => m.channelId)}::uuid[], ${col((m) => m.conversationId)}::uuid[],
                  ${col((m) => m.mid)}::text[], ${col((m) => m.kind)}::text[], ${col((m) => m.direction)}::text[],
                  ${col((m) => m.senderKind)}::text[], ${col((m) => m.appId)}::text[], ${col((m) => m.text)}::text[],
                  ${col((m) => (m.attachments ? JSON.stringify(m.attachments) : null))}::text[],
                  ${col((m) => (m.payload ? JSON.stringify(m.payload) : null))}::text[], ${col((m) => m.replyToMid)}::text[],
                  ${col((m) => m.sentAt)}::timestamptz[])
           AS t(account_id, channel_id, conversation_id, mid, kind, direction, sender_kind, app_id, text, attachments, payload, reply_to_mid, sent_at)
    ON CONFLICT (channel_id, mid) DO UPDATE SET
      kind = CASE WHEN EXCLUDED.kind <> 'MESSAGE' THEN EXCLUDED.kind ELSE messages.kind END,
      sender_kind = CASE WHEN messages.app_id IS NULL AND EXCLUDED.app_id IS NOT NULL AND messages.sender_kind IN ('OUR_APP', 'OTHER_APP')
                         THEN EXCLUDED.sender_kind ELSE messages.sender_kind END,
      app_id = COALESCE(messages.app_id, EXCLUDED.app_id),
      text = CASE WHEN ${graph} AND messages.edit_count = 0 AND messages.deleted_at IS NULL AND EXCLUDED.text IS NOT NULL
                  THEN EXCLUDED.text ELSE COALESCE(messages.text, EXCLUDED.text) END,
      attachments = COALESCE(messages.attachments, EXCLUDED.attachments),
      payload = COALESCE(EXCLUDED.payload, messages.payload),
      reply_to_mid = COALESCE(messages.reply_to_mid, EXCLUDED.reply_to_mid),
      sent_at = GREATEST(messages.sent_at, EXCLUDED.sent_at)
    RETURNING id::text, mid, channel_id::text AS "channelId", conversation_id::text AS "conversationId", (xmax = 0) AS inserted`;
}

/** Messages of one conversation (see insertMessages). */
export async function importMessages(
  tx: SqlClient,
  target: { accountId: string; channelId: string; conversationId: string; source: "webhook" | "graph" },
  messages: MessageImport[],
): Promise<ImportedMessage[]> {
  if (messages.length === 0) return [];
  const { source, ...where } = target;
  return insertMessages(tx, source, messages.map((m) => ({ ...m, ...where })));
}
