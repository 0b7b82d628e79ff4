// Meta's webhook POST bodies → typed, normalised items (REFERENCE.md §8, meta-simulator/README.md "Webhooks").
// Pure: no I/O. The receiver calls `readWebhookEnvelope` before storing (a body that is not Meta's shape is a
// 400); the processor calls `webhookItems` on the stored raw text.
//
// Decisions worth knowing:
// - `app_id` (and numeric ids) can exceed 2^53: they are quoted in the raw text before JSON.parse, so they are
//   never rounded (an 18-digit app id must still compare equal to ours).
// - Times may be epoch ms, epoch s, numeric strings or ISO strings (lib/meta/meta-time.ts). An item without any
//   readable time falls back to its entry's `time`; without that it cannot be ordered and is ignored.
// - Postbacks without a `mid` (older payloads, standby) and referrals (which never have one) get a stable
//   synthetic key from the person, the Meta timestamp and a digest of the content, so a duplicate delivery
//   maps to the same row and two different actions at the same instant do not collide.
// - Anything we do not act on (optins, handovers, account linking, policy enforcement, `changes[]` entries…)
//   becomes an `ignored` item with the reason, for the log.
// - Content is made storable here (lib/sync/storable-content.ts): NUL characters removed, every field capped —
//   a signed body may carry `\u0000` or megabytes that no row should hold.
// - Stickers: since June 2026 Meta sends a `sticker` attachment (with `sticker_id`) and, until Aug 30 2026,
//   the legacy `image` attachment of the same sticker as well; both become one `sticker` attachment, with the
//   url of the one sent as `sticker`.
import { createHash } from "node:crypto";
import { parseMetaTime } from "@/lib/meta/meta-time";
import { CONTENT_LIMITS, storableId, storableJson, storableText, storableUrl } from "@/lib/sync/storable-content";

import type { FeedbackAnswer } from "@/lib/csat/csat-survey";

export type WebhookObject = "page" | "instagram";

export interface WebhookAttachment {
  /** Meta's type: image, video, audio, file, sticker, fallback, template, ig_post (share before Apr 2026), story_mention, ig_reel, reel… */
  type: string;
  url: string | null;
  title: string | null;
  stickerId: string | null;
  /** Template / product payloads as Meta sent them. */
  payload: unknown;
}

export interface WebhookReferral {
  ref: string | null;
  source: string | null;
  type: string | null;
  adId: string | null;
  /** Click-to-Messenger / Click-to-Direct ad. */
  isAd: boolean;
  raw: Record<string, unknown>;
}

interface ItemBase {
  object: WebhookObject;
  /** `entry.id`: the Page id (Messenger) or IG professional account id (Instagram). */
  channelMetaId: string;
  /** PSID / IGSID of the person; null when the sender is known only by a `user_ref`. */
  personId: string | null;
  userRef: string | null;
  /** Meta's time of the event. */
  timestamp: Date;
  /** Delivered under `standby` (another app owns the thread): imported, never reply-blocking. */
  standby: boolean;
}

export type WebhookItem = ItemBase &
  (
    | {
        type: "message";
        mid: string;
        text: string | null;
        attachments: WebhookAttachment[];
        quickReplyPayload: string | null;
        replyToMid: string | null;
        /** Instagram: the story this message answers (`reply_to.story`). */
        replyToStory: { id: string | null; url: string | null } | null;
        referral: WebhookReferral | null;
        isUnsupported: boolean;
      }
    | {
        type: "echo";
        mid: string;
        /** As a string, exactly as sent (never rounded). */
        appId: string | null;
        metadata: string | null;
        text: string | null;
        attachments: WebhookAttachment[];
        replyToMid: string | null;
      }
    | { type: "unsend"; mid: string }
    | { type: "delivery"; mids: string[]; watermark: Date | null }
    | { type: "read"; watermark: Date }
    | { type: "seen"; mid: string }
    | { type: "reaction"; mid: string; action: "react" | "unreact"; emoji: string | null; reaction: string | null }
    | { type: "edit"; mid: string; text: string | null; editCount: number | null }
    | { type: "postback"; mid: string; title: string | null; payload: string | null; referral: WebhookReferral | null }
    | { type: "referral"; mid: string; referral: WebhookReferral }
    /** Messenger's Customer Feedback Template answered (`messaging_feedback`): every question of every screen. */
    | { type: "feedback"; answers: FeedbackAnswer[] }
    | WebhookCommentChange
  );

/**
 * A comment change (`changes[]`): Page `feed` with `item:"comment"` (verbs add, edited, remove, hide, unhide) or
 * Instagram `comments` / `live_comments` (new comments only). `personId` is the author (`from.id`, absent on
 * some removals); `timestamp` is the entry's time — the moment of the change, which orders edits and hides.
 */
export interface WebhookCommentChange {
  type: "comment";
  verb: CommentVerb;
  field: "feed" | "comments" | "live_comments";
  commentId: string;
  postId: string;
  /** The comment answered; null for a top-level comment (Page feed sends the post id there). */
  parentId: string | null;
  text: string | null;
  /** The comment's creation time when the payload carries it (Page feed `created_time`); else null. */
  createdAt: Date | null;
  authorName: string | null;
  authorUsername: string | null;
  permalink: string | null;
  adId: string | null;
  adTitle: string | null;
  mediaProductType: string | null;
}

export type CommentVerb = "add" | "edited" | "remove" | "hide" | "unhide";
const COMMENT_VERBS: readonly string[] = ["add", "edited", "remove", "hide", "unhide"];

export interface IgnoredWebhookItem {
  object: string;
  channelMetaId: string | null;
  reason: string;
}

export interface WebhookEnvelope {
  object: string;
  entry: Record<string, unknown>[];
}

type Json = Record<string, unknown>;

/** Quotes numeric ids (`app_id`, `id`, `ad_id`) so JSON.parse keeps every digit. */
export function parseMetaJson(raw: string): unknown {
  return JSON.parse(raw.replace(/"(app_id|id|ad_id)"(\s*):(\s*)(-?\d+)(?=\s*[,}\]])/g, '"$1"$2:$3"$4"'));
}

/**
 * Checks the outer shape of a webhook body: `{object: string, entry: [{id, messaging?|standby?|changes?: []}]}`.
 * Anything else (not JSON, `{}`, `{"foo":"bar"}`, entries without an id) is not from Meta's webhook
 * pipeline and is refused.
 */
export function readWebhookEnvelope(raw: string): { ok: true; envelope: WebhookEnvelope } | { ok: false; reason: string } {
  let body: unknown;
  try {
    body = parseMetaJson(raw);
  } catch {
    return { ok: false, reason: "body is not JSON" };
  }
  if (!isObject(body)) return { ok: false, reason: "body is not a JSON object" };
  if (typeof body.object !== "string" || body.object === "") return { ok: false, reason: "`object` is missing" };
  if (!Array.isArray(body.entry)) return { ok: false, reason: "`entry` is not an array" };
  for (const [i, entry] of body.entry.entries()) {
    if (!isObject(entry)) return { ok: false, reason: `entry[${i}] is not an object` };
    if (typeof entry.id !== "string" || entry.id === "") return { ok: false, reason: `entry[${i}].id is missing` };
    for (const key of ["messaging", "standby", "changes"]) {
      if (entry[key] !== undefined && !Array.isArray(entry[key])) return { ok: false, reason: `entry[${i}].${key} is not an array` };
    }
  }
  return { ok: true, envelope: { object: body.object, entry: body.entry as Json[] } };
}

/** The items of an envelope we act on, and the ones we log and ignore. */
export function webhookItems(envelope: WebhookEnvelope): { items: WebhookItem[]; ignored: IgnoredWebhookItem[] } {
  const items: WebhookItem[] = [];
  const ignored: IgnoredWebhookItem[] = [];
  const object = envelope.object;
  for (const entry of envelope.entry) {
    const channelMetaId = storableId(entry.id) ?? "";
    if (object !== "page" && object !== "instagram") {
      ignored.push({ object, channelMetaId, reason: `object "${object}" is not a messaging object` });
      continue;
    }
    if (channelMetaId === "") {
      ignored.push({ object, channelMetaId: null, reason: "entry id is not a Meta id" });
      continue;
    }
    const entryTime = parseMetaTime(entry.time);
    for (const change of entryChanges(entry)) {
      const result = readCommentChange(object, channelMetaId, entryTime, change);
      if ("reason" in result) ignored.push(result);
      else items.push(result);
    }
    for (const [placement, list] of [["messaging", entry.messaging], ["standby", entry.standby]] as const) {
      for (const raw of asArray(list)) {
        const result = readItem(object, channelMetaId, entryTime, raw, placement === "standby");
        if ("reason" in result) ignored.push(result);
        else items.push(result);
      }
    }
  }
  return { items, ignored };
}

function readItem(object: WebhookObject, channelMetaId: string, entryTime: Date | null, raw: unknown, standby: boolean): WebhookItem | IgnoredWebhookItem {
  const ignore = (reason: string): IgnoredWebhookItem => ({ object, channelMetaId, reason });
  if (!isObject(raw)) return ignore("item is not an object");
  const sender = isObject(raw.sender) ? raw.sender : {};
  const recipient = isObject(raw.recipient) ? raw.recipient : {};
  const message = isObject(raw.message) ? raw.message : null;
  const isEcho = message?.is_echo === true;
  // Echoes run from the Page to the person; everything else from the person to the Page.
  const person = isEcho ? recipient : sender;
  const personId = idOf(person.id);
  const userRef = idOf(person.user_ref);
  if (!personId && !userRef) return ignore("item names no person (sender/recipient id or user_ref)");
  const ownTime = parseMetaTime(raw.timestamp);
  const timestamp = ownTime ?? entryTime;
  const base = (at: Date): ItemBase => ({ object, channelMetaId, personId, userRef, timestamp: at, standby });
  const who = personId ?? `ref:${userRef}`;

  if (isObject(raw.delivery)) {
    const watermark = parseMetaTime(raw.delivery.watermark);
    const mids = asArray(raw.delivery.mids).filter((m): m is string => typeof m === "string" && m !== "");
    // Meta's reference shows deliveries without a timestamp: the watermark is their time.
    const at = ownTime ?? watermark ?? entryTime;
    if (!at) return ignore("delivery without watermark or timestamp");
    return { ...base(at), type: "delivery", mids, watermark };
  }
  if (!timestamp) return ignore("item without a readable timestamp");

  if (message) {
    const mid = idOf(message.mid);
    if (!mid) return ignore("message without mid");
    if (message.is_deleted === true) return { ...base(timestamp), type: "unsend", mid };
    const text = storableText(message.text);
    const attachments = readAttachments(message.attachments);
    const replyToMid = isObject(message.reply_to) ? idOf(message.reply_to.mid) : null;
    const story = isObject(message.reply_to) && isObject(message.reply_to.story) ? message.reply_to.story : null;
    if (isEcho) {
      return {
        ...base(timestamp),
        type: "echo",
        mid,
        appId: idOf(message.app_id),
        metadata: storableText(message.metadata, CONTENT_LIMITS.payloadChars),
        text,
        attachments,
        replyToMid,
      };
    }
    return {
      ...base(timestamp),
      type: "message",
      mid,
      text,
      attachments,
      quickReplyPayload: isObject(message.quick_reply) ? storableText(message.quick_reply.payload, CONTENT_LIMITS.payloadChars) : null,
      replyToMid,
      replyToStory: story ? { id: idOf(story.id), url: storableUrl(story.url) } : null,
      referral: readReferral(message.referral),
      isUnsupported: message.is_unsupported === true,
    };
  }
  if (isObject(raw.message_edit)) {
    const mid = idOf(raw.message_edit.mid);
    if (!mid) return ignore("message_edit without mid");
    const count = Number(raw.message_edit.num_edit);
    return {
      ...base(timestamp),
      type: "edit",
      mid,
      text: storableText(raw.message_edit.text),
      editCount: Number.isInteger(count) && count > 0 ? count : null,
    };
  }
  if (isObject(raw.reaction)) {
    const mid = idOf(raw.reaction.mid);
    if (!mid) return ignore("reaction without mid");
    const action = raw.reaction.action === "unreact" ? "unreact" : raw.reaction.action === "react" ? "react" : null;
    if (!action) return ignore(`reaction action "${String(raw.reaction.action)}"`);
    return {
      ...base(timestamp),
      type: "reaction",
      mid,
      action,
      emoji: action === "react" ? storableText(raw.reaction.emoji, CONTENT_LIMITS.emojiChars) : null,
      reaction: action === "react" ? storableText(raw.reaction.reaction, CONTENT_LIMITS.emojiChars) : null,
    };
  }
  if (isObject(raw.read)) {
    const mid = idOf(raw.read.mid);
    if (mid) return { ...base(timestamp), type: "seen", mid };
    const watermark = parseMetaTime(raw.read.watermark);
    if (!watermark) return ignore("read without watermark or mid");
    return { ...base(timestamp), type: "read", watermark };
  }
  if (isObject(raw.postback)) {
    const at = timestamp.getTime();
    return {
      ...base(timestamp),
      type: "postback",
      mid: idOf(raw.postback.mid) ?? `postback:${who}:${at}:${digest(raw.postback)}`,
      title: storableText(raw.postback.title, CONTENT_LIMITS.titleChars),
      payload: storableText(raw.postback.payload, CONTENT_LIMITS.payloadChars),
      referral: readReferral(raw.postback.referral),
    };
  }
  if (isObject(raw.referral)) {
    const referral = readReferral(raw.referral)!;
    return { ...base(timestamp), type: "referral", mid: `referral:${who}:${timestamp.getTime()}:${digest(raw.referral)}`, referral };
  }
  if (isObject(raw.messaging_feedback)) {
    const answers = readFeedbackAnswers(raw.messaging_feedback);
    if (answers.length === 0) return ignore("messaging_feedback without answers");
    return { ...base(timestamp), type: "feedback", answers };
  }
  const kind = Object.keys(raw).find((k) => !["sender", "recipient", "timestamp"].includes(k));
  return ignore(kind ? `unhandled event "${kind}"` : "empty event");
}

/**
 * The `changes[]` of an entry. Meta's examples for Business Login for Instagram show a comment's `field` and
 * `value` on the entry itself rather than inside `changes[]` (every other example, and the Facebook-Login path,
 * use `changes`): both are read, as one change each.
 */
export function entryChanges(entry: Record<string, unknown>): unknown[] {
  const list = asArray(entry.changes);
  if (typeof entry.field === "string" && isObject(entry.value)) return [...list, { field: entry.field, value: entry.value }];
  return list;
}

/** `feedback_screens[].questions{<question id>: {type, payload, follow_up?: {type, payload}}}`. */
function readFeedbackAnswers(feedback: Json): FeedbackAnswer[] {
  return asArray(feedback.feedback_screens).flatMap((screen) => {
    if (!isObject(screen) || !isObject(screen.questions)) return [];
    return Object.entries(screen.questions).flatMap(([questionId, q]) => {
      if (!isObject(q)) return [];
      const followUp = isObject(q.follow_up) ? q.follow_up : null;
      return [
        {
          questionId: questionId.slice(0, CONTENT_LIMITS.payloadChars),
          type: typeof q.type === "string" ? q.type.trim().toLowerCase() : "",
          payload: storableText(typeof q.payload === "number" ? String(q.payload) : q.payload, CONTENT_LIMITS.payloadChars),
          comment: followUp ? storableText(followUp.payload) : null,
        },
      ];
    });
  });
}

function readCommentChange(object: WebhookObject, channelMetaId: string, entryTime: Date | null, raw: unknown): WebhookItem | IgnoredWebhookItem {
  const ignore = (reason: string): IgnoredWebhookItem => ({ object, channelMetaId, reason });
  if (!isObject(raw) || !isObject(raw.value)) return ignore("changes[] entry without a value");
  const field = String(raw.field);
  const value = raw.value;
  const from = isObject(value.from) ? value.from : {};
  const base = { object, channelMetaId, personId: idOf(from.id), userRef: null, standby: false };
  if (object === "page" && field === "feed") {
    if (value.item !== "comment") return ignore(`feed item "${String(value.item)}"`);
    const verb = String(value.verb);
    if (!COMMENT_VERBS.includes(verb)) return ignore(`feed comment verb "${verb}"`);
    const commentId = idOf(value.comment_id);
    const postId = idOf(value.post_id);
    if (!commentId || !postId) return ignore("feed comment without comment_id or post_id");
    const createdAt = parseMetaTime(value.created_time);
    const timestamp = entryTime ?? createdAt;
    if (!timestamp) return ignore("feed comment without a time");
    const post = isObject(value.post) ? value.post : {};
    const parentId = idOf(value.parent_id);
    return {
      ...base,
      timestamp,
      type: "comment",
      verb: verb as CommentVerb,
      field: "feed",
      commentId,
      postId,
      parentId: parentId === postId ? null : parentId,
      text: verb === "add" || verb === "edited" ? storableText(value.message) : null,
      createdAt,
      authorName: storableText(from.name, CONTENT_LIMITS.titleChars),
      authorUsername: null,
      permalink: storableUrl(post.permalink_url),
      adId: idOf(post.ad_id),
      adTitle: storableText(post.ad_title, CONTENT_LIMITS.titleChars),
      mediaProductType: null,
    };
  }
  if (object === "instagram" && (field === "comments" || field === "live_comments")) {
    const commentId = idOf(value.id);
    const media = isObject(value.media) ? value.media : {};
    const postId = idOf(media.id);
    if (!commentId || !postId) return ignore(`${field} without id or media.id`);
    if (!entryTime) return ignore(`${field} without a time`);
    return {
      ...base,
      timestamp: entryTime,
      type: "comment",
      verb: "add",
      field,
      commentId,
      postId,
      parentId: idOf(value.parent_id),
      text: storableText(value.text),
      // Instagram sends no creation time: the entry's time (the moment Meta notified) stands in until a Graph
      // read (backfill, reconciliation) gives the comment's own `timestamp`.
      createdAt: null,
      authorName: null,
      authorUsername: storableText(from.username, CONTENT_LIMITS.titleChars),
      permalink: null,
      adId: idOf(media.ad_id),
      adTitle: storableText(media.ad_title, CONTENT_LIMITS.titleChars),
      mediaProductType: storableText(media.media_product_type, 32) ?? (field === "live_comments" ? "LIVE" : null),
    };
  }
  return ignore(`changes[] entry (field ${field})`);
}

/** Attachments as stored: stickers once (see the header), at most CONTENT_LIMITS.attachments. */
function readAttachments(raw: unknown): WebhookAttachment[] {
  const list = asArray(raw).flatMap(readAttachment);
  // Per sticker id, the attachment Meta sent as `sticker` (the one Meta keeps after the transition), else the first.
  const chosen = new Map<string, ReadAttachment>();
  for (const read of list) {
    const id = read.attachment.stickerId;
    // Stryker disable next-line ConditionalExpression: equivalent — the filter below keeps attachments without a sticker id before any look-up.
    if (id === null) continue;
    const current = chosen.get(id);
    if (!current || (!current.sentAsSticker && read.sentAsSticker)) chosen.set(id, read);
  }
  return list
    .filter((read) => read.attachment.stickerId === null || chosen.get(read.attachment.stickerId) === read)
    .map((read) => read.attachment)
    .slice(0, CONTENT_LIMITS.attachments);
}

interface ReadAttachment {
  attachment: WebhookAttachment;
  /** Meta's own type was `sticker` (not the legacy `image` form). */
  sentAsSticker: boolean;
}

function readAttachment(raw: unknown): ReadAttachment[] {
  if (!isObject(raw) || typeof raw.type !== "string") return [];
  const payload = isObject(raw.payload) ? raw.payload : null;
  const stickerId = storableId(payload?.sticker_id);
  const type = storableText(raw.type, 64) ?? "file";
  return [
    {
      attachment: {
        // The legacy form of a sticker is an `image` carrying its sticker_id.
        type: stickerId !== null && type === "image" ? "sticker" : type,
        url: storableUrl(payload?.url) ?? storableUrl(raw.url),
        title: storableText(payload?.title, CONTENT_LIMITS.titleChars) ?? storableText(raw.title, CONTENT_LIMITS.titleChars),
        stickerId,
        payload: payload && (type === "template" || type === "fallback" || type === "location") ? storableJson(payload) : null,
      },
      sentAsSticker: type === "sticker",
    },
  ];
}

function readReferral(raw: unknown): WebhookReferral | null {
  if (!isObject(raw)) return null;
  const source = storableText(raw.source, CONTENT_LIMITS.payloadChars);
  const adId = idOf(raw.ad_id);
  return {
    ref: storableText(raw.ref, CONTENT_LIMITS.payloadChars),
    source,
    type: storableText(raw.type, CONTENT_LIMITS.payloadChars),
    adId,
    isAd: source === "ADS" || adId !== null,
    raw: storableJson(raw) as Record<string, unknown>,
  };
}

/** A short, stable digest of a JSON value (key order as sent: a duplicate delivery is byte-identical). */
function digest(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 12);
}

function idOf(value: unknown): string | null {
  return storableId(value);
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
