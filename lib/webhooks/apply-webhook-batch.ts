import "server-only";
import type { SqlClient } from "@/lib/db";
import { autoAssignNewConversations } from "@/lib/assignment/auto-assign-conversations";
import { logger } from "@/lib/logger";
import type { WindowOpener } from "@/lib/policy/window-policy";
import { settleOutboxFromEcho } from "@/lib/send/mark-outbound-sent";
import { applyMessageUpdates, type MessageUpdate } from "@/lib/sync/apply-message-update";
import { insertMessages, type MessageRow } from "@/lib/sync/import-messages";
import type { RealtimeBatch } from "@/lib/sync/realtime-batch";
import { reopenConversation } from "@/lib/sync/reopen-conversation";
import { scheduleContactLookups } from "@/lib/sync/schedule-contact-lookups";
import { attachmentsFromWebhook } from "@/lib/sync/stored-attachment";
import { mergeConversationChanges, updateConversationSummaries, type ConversationChange } from "@/lib/sync/update-conversation-summary";
import { personKey, upsertConversations, type SyncChannel, type UpsertedConversation } from "@/lib/sync/upsert-conversation";
import { applyCommentChanges, type CommentChange } from "@/lib/comments/apply-comment-changes";
import { parseSurveyQuickReply, surveyAnswersOf } from "@/lib/csat/csat-survey";
import { recordCsatAnswers, type CsatAnswer } from "@/lib/csat/record-csat-answers";
import { enqueueOutOfHoursReplies } from "@/lib/sla/enqueue-auto-replies";
import type { WebhookCommentChange, WebhookItem } from "./parse-webhook";

export interface WebhookBatchContext {
  /** Our Meta app id (echoes with another app_id come from Business Suite or another app). */
  ourAppId: string;
  realtime: RealtimeBatch;
  /** Collects the channels the items name (their last webhook time is recorded after the batch commits). */
  channelsSeen?: Set<string>;
}

type Item<T extends WebhookItem["type"]> = Extract<WebhookItem, { type: T }>;
type Placed<I extends WebhookItem = WebhookItem> = { item: I; channel: SyncChannel; conversation: UpsertedConversation };

/**
 * Applies a batch of webhook items inside the caller's transaction, set-based: one statement per table for the
 * whole batch (contacts, conversations, messages, the conversation summaries), so a burst costs a few round
 * trips per batch instead of seven or eight per event. The rules are those of one item at a time —
 * idempotent (Meta ids and max-wins rules: a replay or a duplicate changes nothing) and independent of arrival
 * order (Meta's timestamps decide) — so the result equals applying the items one by one, in any order:
 *
 * - a person we have never seen gets a contact and conversation at once; their name (User Profile API) and
 *   Meta's thread id are looked up afterwards by per-channel jobs (webhooks carry neither);
 * - messages, postbacks and referrals are inserted together; an echo of our own send settles our outbox
 *   instead (lib/send/mark-outbound-sent.ts);
 * - edits, unsends, reactions and Instagram seens apply to their message, or wait in pending_message_updates
 *   until it arrives;
 * - each touched conversation's list fields are recomputed once, from the merge of what the batch says
 *   about it (lib/sync/update-conversation-summary.ts).
 *
 * Items of channels we do not serve, and items whose "person" is the channel itself (Meta has no
 * conversation of a Page with itself), are logged and skipped.
 */
export async function applyWebhookBatch(tx: SqlClient, items: WebhookItem[], context: WebhookBatchContext): Promise<void> {
  const channels = await findWebhookChannels(tx, items);
  const placed: { item: WebhookItem; channel: SyncChannel; person: string }[] = [];
  const unknown = new Set<string>();
  const comments = new Map<SyncChannel, CommentChange[]>();
  for (const item of items) {
    const channel = channels.get(channelKey(item.object, item.channelMetaId));
    if (!channel) {
      unknown.add(`${item.object}:${item.channelMetaId}`);
      continue;
    }
    context.channelsSeen?.add(channel.id);
    // Comments are not messages: they have their own tables and their own rules (lib/comments).
    if (item.type === "comment") {
      comments.set(channel, [...(comments.get(channel) ?? []), commentChangeOf(item)]);
      continue;
    }
    if (item.personId !== null && (item.personId === channel.metaId || item.personId === channel.pageMetaId)) {
      logger.warn("webhook item names the channel itself as the person; skipped", { channelId: channel.id, type: item.type, mid: "mid" in item ? item.mid : null });
      continue;
    }
    placed.push({ item, channel, person: item.personId ?? `user_ref:${item.userRef}` });
  }
  for (const key of unknown) logger.info("webhook for a Page or Instagram account we do not serve; ignored", { entry: key });
  for (const [channel, changes] of comments) await applyCommentChanges(tx, channel, changes, context.realtime);
  if (placed.length === 0) return;

  const people = await upsertConversations(tx, placed.map(({ channel, person }) => ({ channel, platformUserId: person })));
  const newContacts = placed.filter(({ item, channel, person }) => item.personId !== null && people.get(personKey(channel.id, person))!.contactCreated);

  const all: Placed[] = placed.map(({ item, channel, person }) => ({ item, channel, conversation: people.get(personKey(channel.id, person))! }));
  const changes = new Map<string, ConversationChange>();
  const touched = new Map<string, SyncChannel>();
  const change = (target: Placed, more: ConversationChange) => {
    const id = target.conversation.conversationId;
    const before = changes.get(id);
    changes.set(id, before ? mergeConversationChanges(before, more) : more);
    touched.set(id, target.channel);
  };
  const { realtime } = context;
  const messageEvent = (target: Placed, messageId: string) => realtime.message(target.channel.accountId, target.channel.id, target.conversation.conversationId, messageId);

  // ── messages, postbacks, referrals, echoes ──
  const inbound = all.filter((p): p is Placed<Item<"message" | "postback" | "referral">> => p.item.type === "message" || p.item.type === "postback" || p.item.type === "referral");
  const echoes: Placed<Item<"echo">>[] = [];
  for (const p of all) {
    if (p.item.type !== "echo") continue;
    const echo = p as Placed<Item<"echo">>;
    // Our own send: settles the outbox message its metadata names (never imported a second time).
    if (await settleOutboxFromEcho(tx, { channelId: echo.channel.id, metadata: echo.item.metadata, mid: echo.item.mid, timestamp: echo.item.timestamp })) continue;
    echoes.push(echo);
  }
  const rows: (MessageRow & { placed: Placed })[] = [
    ...inbound.map((p) => ({ ...inboundRow(p.item), ...where(p), placed: p as Placed })),
    ...echoes.map((p) => ({ ...echoRow(p.item, context.ourAppId), ...where(p), placed: p as Placed })),
  ];
  const stored = await insertMessages(tx, "webhook", rows);
  const insertedIds = new Map(stored.map((r) => [`${r.channelId}\u0001${r.mid}`, r]));
  const reopenKind = new Map<string, { at: Date; kind: WindowOpener; target: Placed }>();
  const counted = new Set<string>();
  const newMessages: { accountId: string; conversationId: string; messageId: string }[] = [];
  for (const row of rows) {
    const result = insertedIds.get(`${row.channelId}\u0001${row.mid}`)!;
    messageEvent(row.placed, result.id);
    const item = row.placed.item;
    if (item.type === "echo") {
      change(row.placed, {});
      continue;
    }
    const opener = openerOf(item as Item<"message" | "postback" | "referral">);
    // A duplicate of a new message in the same batch is new once.
    const isNew = result.inserted && !counted.has(result.id);
    counted.add(result.id);
    change(row.placed, {
      opener: { at: item.timestamp, kind: opener },
      adReferralAt: isAdReferral(item as Item<"message" | "postback" | "referral">) ? item.timestamp : null,
      unreadIncrement: isNew && row.kind !== "REFERRAL" ? 1 : 0,
    });
    // A tap on a satisfaction survey's quick reply rates the resolved conversation; it does not reopen it, and
    // it is no question to answer out of hours either.
    const isSurveyAnswer = item.type === "message" && parseSurveyQuickReply(item.quickReplyPayload) !== null;
    if (isNew && item.type === "message" && !isSurveyAnswer) newMessages.push({ accountId: row.placed.channel.accountId, conversationId: row.conversationId, messageId: result.id });
    if (isNew && !isSurveyAnswer) {
      const first = reopenKind.get(row.conversationId);
      if (!first || item.timestamp < first.at) reopenKind.set(row.conversationId, { at: item.timestamp, kind: opener, target: row.placed });
    }
  }
  // A new inbound action reopens a snoozed or resolved conversation (once, for the earliest of the batch).
  for (const { kind, target } of reopenKind.values()) {
    await reopenConversation(tx, { id: target.conversation.conversationId, accountId: target.channel.accountId, status: target.conversation.status }, kind);
  }

  // ── edits, unsends, reactions, seens (after the messages they may name) ──
  const updates = all.flatMap((p) => {
    const update = messageUpdateOf(p.item);
    return update ? [{ placed: p, mid: (p.item as { mid: string }).mid, update }] : [];
  });
  const results = await applyMessageUpdates(tx, updates.map((u) => ({ channelId: u.placed.channel.id, mid: u.mid, update: u.update })));
  updates.forEach(({ placed: p, update }, i) => {
    const result = results[i]!;
    if (result.messageId && result.messageChanged) messageEvent(p, result.messageId);
    // A react opens the window (even before its message arrives); an unreact does not.
    const opener = p.item.type === "reaction" && p.item.action === "react" ? { at: update.at, kind: "REACTION" as const } : null;
    if (result.conversationChanged || opener) change(p, { opener, allowBackward: update.type === "unsend" });
  });

  // ── reads and deliveries ──
  for (const p of all) {
    if (p.item.type === "read") change(p, { readUpTo: p.item.watermark });
    if (p.item.type === "delivery") {
      let deliveredUpTo = p.item.watermark;
      if (!deliveredUpTo && p.item.mids.length > 0) {
        const [latest] = await tx.$queryRaw<{ at: Date | null }[]>`
          SELECT max(sent_at) AS at FROM messages WHERE channel_id = ${p.channel.id}::uuid AND mid = ANY(${p.item.mids}::text[])`;
        deliveredUpTo = latest?.at ?? null;
      }
      if (deliveredUpTo) change(p, { deliveredUpTo });
    }
  }

  // ── satisfaction survey answers (Messenger feedback template, Instagram quick replies) ──
  const answers: CsatAnswer[] = all.flatMap((p): CsatAnswer[] => {
    const conversationId = p.conversation.conversationId;
    if (p.item.type === "feedback") return surveyAnswersOf(p.item.answers).map((a) => ({ ...a, conversationId, at: p.item.timestamp }));
    const reply = p.item.type === "message" ? parseSurveyQuickReply(p.item.quickReplyPayload) : null;
    return reply ? [{ ...reply, comment: null, conversationId, at: p.item.timestamp }] : [];
  });
  for (const conversationId of await recordCsatAnswers(tx, answers)) {
    const channel = all.find((p) => p.conversation.conversationId === conversationId)!.channel;
    touched.set(conversationId, channel);
  }

  // New people's conversations on channels with automatic assignment get an owner (decided under a lock).
  const created = new Map(
    inbound.filter((p) => p.conversation.conversationCreated).map((p) => [p.conversation.conversationId, { conversationId: p.conversation.conversationId, channelId: p.channel.id, accountId: p.channel.accountId }]),
  );
  await autoAssignNewConversations(tx, [...created.values()]);
  // A message while the team is closed may get the out-of-hours auto-reply: a job per conversation, after commit.
  await enqueueOutOfHoursReplies(tx, newMessages);

  await updateConversationSummaries(tx, changes);
  for (const [conversationId, channel] of touched) realtime.conversation(channel.accountId, channel.id, conversationId);
  // Last: the lookup job of a channel is one row, which this statement holds until commit — a concurrent batch
  // with new people on the same channel waits for it, so the wait covers only the commit.
  await scheduleContactLookups(newContacts.map(({ channel }) => channel.id), tx);
}

/** The channels a batch names, in one query. Disconnected channels are not served. */
export async function findWebhookChannels(tx: SqlClient, items: WebhookItem[]): Promise<Map<string, SyncChannel>> {
  const keys = [...new Map(items.map((i) => [channelKey(i.object, i.channelMetaId), i])).values()];
  if (keys.length === 0) return new Map();
  const rows = await tx.$queryRaw<SyncChannel[]>`
    SELECT c.id::text, c.account_id::text AS "accountId", c.platform::text AS platform, c.meta_id AS "metaId", c.page_meta_id AS "pageMetaId"
      FROM channels c
      JOIN unnest(${keys.map((i) => (i.object === "instagram" ? "INSTAGRAM" : "MESSENGER"))}::text[], ${keys.map((i) => i.channelMetaId)}::text[]) AS t(platform, meta_id)
        ON c.platform::text = t.platform AND c.meta_id = t.meta_id
     WHERE c.disconnected_at IS NULL`;
  return new Map(rows.map((c) => [channelKey(c.platform === "INSTAGRAM" ? "instagram" : "page", c.metaId), c]));
}

export const channelKey = (object: string, metaId: string) => `${object}:${metaId}`;

function where(p: Placed): Pick<MessageRow, "accountId" | "channelId" | "conversationId"> {
  return { accountId: p.channel.accountId, channelId: p.channel.id, conversationId: p.conversation.conversationId };
}

function openerOf(item: Item<"message" | "postback" | "referral">): WindowOpener {
  if (item.type === "referral") return item.referral.isAd ? "AD_REFERRAL" : "REFERRAL";
  if (item.type === "postback") return "POSTBACK";
  return item.referral?.isAd ? "AD_REFERRAL" : "MESSAGE";
}

function isAdReferral(item: Item<"message" | "postback" | "referral">): boolean {
  return item.referral?.isAd === true;
}

function inboundRow(item: Item<"message" | "postback" | "referral">): Omit<MessageRow, "accountId" | "channelId" | "conversationId"> {
  const common = { mid: item.mid, direction: "INBOUND" as const, senderKind: "CONTACT" as const, appId: null, sentAt: item.timestamp };
  switch (item.type) {
    case "message": {
      const payload: Record<string, unknown> = {};
      if (item.quickReplyPayload !== null) payload.quickReply = item.quickReplyPayload;
      if (item.referral) payload.referral = item.referral.raw;
      if (item.replyToStory) payload.replyToStory = item.replyToStory;
      if (item.isUnsupported) payload.unsupported = true;
      return {
        ...common,
        kind: "MESSAGE",
        text: item.text,
        attachments: attachmentsFromWebhook(item.attachments),
        payload: Object.keys(payload).length > 0 ? payload : null,
        replyToMid: item.replyToMid,
      };
    }
    case "postback":
      return {
        ...common,
        kind: "POSTBACK",
        text: item.title,
        attachments: null,
        payload: { title: item.title, payload: item.payload, ...(item.referral ? { referral: item.referral.raw } : {}) },
        replyToMid: null,
      };
    case "referral":
      return { ...common, kind: "REFERRAL", text: null, attachments: null, payload: item.referral.raw, replyToMid: null };
  }
}

function echoRow(item: Item<"echo">, ourAppId: string): Omit<MessageRow, "accountId" | "channelId" | "conversationId"> {
  return {
    mid: item.mid,
    kind: "MESSAGE",
    direction: "OUTBOUND",
    // Compared as strings: app ids exceed 2^53.
    senderKind: item.appId !== null && item.appId === ourAppId ? "OUR_APP" : "OTHER_APP",
    appId: item.appId,
    text: item.text,
    attachments: attachmentsFromWebhook(item.attachments),
    payload: null,
    replyToMid: item.replyToMid,
    sentAt: item.timestamp,
  };
}

function messageUpdateOf(item: WebhookItem): MessageUpdate | null {
  switch (item.type) {
    case "unsend":
      return { type: "unsend", at: item.timestamp };
    case "edit":
      return { type: "edit", text: item.text, editCount: item.editCount, at: item.timestamp };
    case "reaction":
      return { type: "reaction", emoji: item.emoji, reaction: item.reaction, at: item.timestamp };
    case "seen":
      return { type: "seen", at: item.timestamp };
    default:
      return null;
  }
}

function commentChangeOf(item: WebhookCommentChange & { personId: string | null; timestamp: Date }): CommentChange {
  return {
    verb: item.verb,
    commentId: item.commentId,
    postId: item.postId,
    parentId: item.parentId,
    authorId: item.personId,
    authorName: item.authorName,
    authorUsername: item.authorUsername,
    text: item.text,
    createdAt: item.createdAt,
    at: item.timestamp,
    isLive: item.field === "live_comments",
    post: { permalink: item.permalink, adId: item.adId, adTitle: item.adTitle, mediaProductType: item.mediaProductType },
  };
}
