import "server-only";
import type { GraphConversation, GraphMessage } from "@/lib/meta/graph-types";
import { parseMetaTime } from "@/lib/meta/meta-time";
import { applyReaction } from "./apply-reaction";
import { importMessages, type MessageImport } from "./import-messages";
import type { RealtimeBatch } from "./realtime-batch";
import { reopenConversation } from "./reopen-conversation";
import { recordDeliveryGaps } from "@/lib/health/delivery-gaps";
import { attachmentsFromGraph } from "./stored-attachment";
import { CONTENT_LIMITS, storableId, storableText } from "./storable-content";
import type { Tx } from "@/lib/db";
import { updateConversationSummary } from "./update-conversation-summary";
import { upsertConversation, type SyncChannel } from "./upsert-conversation";

export interface GraphConversationImport {
  conversation: GraphConversation;
  /** Older messages fetched by following the nested `messages` paging (only when Meta details them). */
  olderMessages: GraphMessage[];
  /** Meta lists messages it does not detail (older than its 20 most recent), or more than we read. */
  historyIncomplete: boolean;
  /** Every message id of the thread was listed (no further page). */
  listedAll: boolean;
}

export interface GraphImportOptions {
  /** A backfill imports history; a reconciliation repairs missed webhooks (new inbound rows are news). */
  source: "backfill" | "reconcile";
  /** When the Graph answer was read (our clock): the time of reaction states Graph shows. */
  fetchedAt: Date;
  realtime: RealtimeBatch;
  /**
   * Reconciliation only: a message inserted here that Meta sent before this time is a delivery gap — its
   * webhook should have stored it already (lib/sync/sync-pass.ts decides the time). Recorded in
   * delivery_gaps for the channel's health; null = nothing is counted (backfills import history by design).
   */
  deliveryGapCutoff?: Date | null;
}

/** A message newer than the newest Meta listed counts as unsent only once it is this old (clock skew, in-flight sends). */
const UNSEND_MARGIN_MS = 60_000;

/** Meta details a message when it returns more than its id and time. */
export const isDetailed = (m: GraphMessage) => m.from !== undefined;

/**
 * Stores one conversation as the Graph API describes it: the person (participants), the thread id, every
 * message Meta details, the reactions it shows, and the list fields. Idempotent — importing the same answer
 * twice changes nothing. Also repairs what missed webhooks would have told us: messages (inserted),
 * edits (Graph's current text), reactions, and unsends (a stored message inside the span Meta listed that
 * Meta no longer lists was unsent — Messenger sends no webhook for that).
 */
export async function importGraphConversation(tx: Tx, channel: SyncChannel, input: GraphConversationImport, options: GraphImportOptions): Promise<{ conversationId: string; messagesInserted: number } | null> {
  const thread = input.conversation;
  const listed = [...(thread.messages?.data ?? []), ...input.olderMessages];
  const person =
    thread.participants?.data.find((p) => p.id !== channel.metaId) ??
    listed.map((m) => (m.from?.id === channel.metaId ? m.to?.data[0] : m.from)).find((p) => p && p.id !== channel.metaId);
  if (!person) return null;

  const personId = storableId(person.id);
  const threadId = storableId(thread.id);
  if (!personId || !threadId) return null;
  const conversation = await upsertConversation(tx, channel, {
    platformUserId: personId,
    name: person.name ?? null,
    username: person.username ?? null,
    metaThreadId: threadId,
  });
  const detailed = listed.filter(isDetailed).flatMap((m): (MessageImport & { graph: GraphMessage })[] => {
    const sentAt = parseMetaTime(m.created_time);
    const mid = storableId(m.id);
    if (!sentAt || !mid) return [];
    const outbound = m.from!.id === channel.metaId;
    return [
      {
        graph: m,
        mid,
        kind: "MESSAGE",
        direction: outbound ? "OUTBOUND" : "INBOUND",
        // Graph does not say which app sent a Page message; an echo (app_id) corrects it later.
        senderKind: outbound ? "OTHER_APP" : "CONTACT",
        appId: null,
        // What Meta holds can be anything: NUL removed, capped (lib/sync/storable-content.ts).
        text: storableText(m.message),
        attachments: attachmentsFromGraph(m),
        payload: null,
        replyToMid: storableId(m.reply_to?.mid),
        sentAt,
      },
    ];
  });
  const rows = await importMessages(tx, { accountId: channel.accountId, channelId: channel.id, conversationId: conversation.conversationId, source: "graph" }, detailed);
  const idByMid = new Map(rows.map((r) => [r.mid, r.id]));
  const inserted = new Set(rows.filter((r) => r.inserted).map((r) => r.mid));
  const insertedInbound = detailed.filter((m) => inserted.has(m.mid) && m.direction === "INBOUND");
  const cutoff = options.deliveryGapCutoff;
  if (cutoff) {
    const missed = detailed.filter((m) => inserted.has(m.mid) && m.sentAt < cutoff);
    if (missed.length > 0) await recordDeliveryGaps(tx, channel.id, missed.map((m) => ({ messageId: idByMid.get(m.mid)!, sentAt: m.sentAt })));
  }

  const reactionChanges = await syncReactions(tx, channel, detailed.map((m) => ({ messageId: idByMid.get(m.mid)!, graph: m.graph })), options.fetchedAt);
  const unsent = await markUnsentMessages(tx, { channelId: channel.id, conversationId: conversation.conversationId }, listed, {
    complete: input.listedAll,
    fetchedAt: options.fetchedAt,
  });

  const newestInbound = detailed.filter((m) => m.direction === "INBOUND").reduce<Date | null>((max, m) => (!max || m.sentAt > max ? m.sentAt : max), null);
  await updateConversationSummary(tx, conversation.conversationId, {
    opener: newestInbound ? { at: newestInbound, kind: "MESSAGE" } : null,
    unreadIncrement: conversation.conversationCreated ? 0 : insertedInbound.length,
    unreadAtLeast: conversation.conversationCreated ? (thread.unread_count ?? insertedInbound.length) : null,
    historyIncomplete: input.historyIncomplete,
    metaUpdatedAt: parseMetaTime(thread.updated_time),
    allowBackward: unsent.length > 0,
  });
  if (options.source === "reconcile" && insertedInbound.length > 0) {
    await reopenConversation(tx, { id: conversation.conversationId, accountId: channel.accountId, status: conversation.status }, "MESSAGE");
  }

  const { realtime } = options;
  realtime.conversation(channel.accountId, channel.id, conversation.conversationId);
  if (!conversation.conversationCreated) {
    const changed = new Set([...rows.filter((r) => r.inserted).map((r) => r.id), ...reactionChanges, ...unsent]);
    for (const id of changed) realtime.message(channel.accountId, channel.id, conversation.conversationId, id);
  }
  return { conversationId: conversation.conversationId, messagesInserted: inserted.size };
}

/**
 * Makes stored reactions match what Graph shows on detailed messages: a new or different emoji is recorded,
 * a reaction Graph no longer shows becomes a tombstone — both at the time of the read, so a later webhook
 * (newer Meta time) still wins and an older one arriving late does not undo Meta's current state.
 */
async function syncReactions(tx: Tx, channel: SyncChannel, messages: { messageId: string; graph: GraphMessage }[], fetchedAt: Date): Promise<string[]> {
  if (messages.length === 0) return [];
  const stored = await tx.$queryRaw<{ message_id: string; actor: "CONTACT" | "PAGE"; emoji: string | null }[]>`
    SELECT message_id, actor::text AS actor, emoji FROM message_reactions WHERE message_id = ANY(${messages.map((m) => m.messageId)}::uuid[])`;
  const current = new Map(stored.map((r) => [`${r.message_id}:${r.actor}`, r.emoji]));
  const changed: string[] = [];
  for (const { messageId, graph } of messages) {
    const shown = new Map<"CONTACT" | "PAGE", string>();
    for (const reaction of graph.reactions?.data ?? []) {
      const emoji = storableText(reaction.reaction, CONTENT_LIMITS.emojiChars);
      if (emoji) for (const user of reaction.users ?? []) shown.set(user.id === channel.metaId ? "PAGE" : "CONTACT", emoji);
    }
    for (const actor of ["CONTACT", "PAGE"] as const) {
      const key = `${messageId}:${actor}`;
      const want = shown.get(actor) ?? null;
      const have = current.has(key) ? current.get(key)! : null;
      if (want === have) continue;
      if (await applyReaction(tx, { messageId, actor, emoji: want, reaction: null, reactedAt: fetchedAt })) changed.push(messageId);
    }
  }
  return changed;
}

/**
 * A stored message Meta no longer lists was unsent — when we can tell it from "not on this page" and "sent after
 * the read": it must be newer than the oldest listed message (unless Meta listed the whole thread; Graph times
 * are whole seconds, so the oldest listed second is left out) and older than the newest listed message (by the
 * precise time we hold for it), or older than the read by a minute (the list starts with the newest message).
 */
async function markUnsentMessages(
  tx: Tx,
  target: { channelId: string; conversationId: string },
  listed: GraphMessage[],
  options: { complete: boolean; fetchedAt: Date },
): Promise<string[]> {
  if (listed.length === 0) return [];
  const ids = listed.map((m) => m.id);
  const rows = await tx.$queryRaw<{ id: string }[]>`
    WITH span AS (
      SELECT min(sent_at) AS oldest, max(sent_at) AS newest FROM messages WHERE channel_id = ${target.channelId}::uuid AND mid = ANY(${ids}::text[])
    )
    UPDATE messages m SET deleted_at = ${options.fetchedAt}
      FROM span
     WHERE m.conversation_id = ${target.conversationId}::uuid AND m.kind = 'MESSAGE' AND m.mid IS NOT NULL AND m.deleted_at IS NULL
       AND NOT (m.mid = ANY(${ids}::text[]))
       AND (${options.complete} OR m.sent_at >= span.oldest + interval '1 second')
       AND m.sent_at < GREATEST(span.newest, ${new Date(options.fetchedAt.getTime() - UNSEND_MARGIN_MS)}::timestamptz)
    RETURNING m.id`;
  return rows.map((r) => r.id);
}
