// Graph representations of the simulator's objects, with field selection and expansion.

import { graphTime } from "../clock";
import { Errors } from "../errors";
import { checkKnown, type FieldSpec } from "../fields";
import type { ChannelRef } from "../simulator";
import type { ContactRec, ConversationRec, IgAccountRec, MessageRec, PageRec } from "../world";
import { encodeCursor, firstIndex, keysetPage, type GraphContext } from "./context";

export const CONVERSATION_FIELDS = ["id", "updated_time", "participants", "messages", "message_count", "unread_count", "snippet", "can_reply", "senders", "link", "is_owner"] as const;
const MESSAGE_FIELDS = ["id", "created_time", "from", "to", "message", "attachments", "reply_to", "reactions", "sticker", "tags", "is_unsupported", "shares", "story"] as const;
const PSID_FIELDS = ["id", "name", "first_name", "last_name", "profile_pic", "locale"] as const;
const IGSID_FIELDS = ["id", "name", "username", "profile_pic", "follower_count", "is_user_follow_business", "is_business_follow_user", "is_verified_user"] as const;
const PAGE_FIELDS = ["id", "name", "category", "category_list", "picture", "instagram_business_account", "access_token", "tasks", "username", "link"] as const;
const IG_FIELDS = ["id", "username", "name", "profile_picture_url", "followers_count"] as const;
const USER_FIELDS = ["id", "name", "first_name", "last_name", "picture"] as const;

const spec = (name: string): FieldSpec => ({ name, modifiers: {} });
const specs = (...names: string[]): FieldSpec[] => names.map(spec);

function stringifyFields(list: FieldSpec[]): string {
  return list
    .map((f) => {
      let s = f.name;
      for (const [k, v] of Object.entries(f.modifiers)) s += `.${k}(${v})`;
      if (f.children) s += `{${stringifyFields(f.children)}}`;
      return s;
    })
    .join(",");
}

/** Picks sub-fields of a small object ({id,name,…}); unknown sub-fields are ignored like Meta does for edges' nodes. */
function pick(obj: Record<string, unknown>, children: FieldSpec[] | undefined): Record<string, unknown> {
  if (!children) return obj;
  const out: Record<string, unknown> = {};
  for (const c of children) if (obj[c.name] !== undefined) out[c.name] = obj[c.name];
  return out;
}

// ── participants ────────────────────────────────────────────────────────────
function contactParticipant(ctx: GraphContext, c: ContactRec): Record<string, unknown> {
  return c.platform === "messenger" ? { name: ctx.sim.contactName(c), email: `${c.id}@facebook.com`, id: c.id } : { username: c.username, id: c.id };
}

function channelParticipant(ch: ChannelRef): Record<string, unknown> {
  return ch.ig ? { username: ch.ig.username, id: ch.ig.id } : { name: ch.page.name, email: `${ch.page.id}@facebook.com`, id: ch.page.id };
}

// ── messages ────────────────────────────────────────────────────────────────
/** Newest first, without unsent messages. */
function visibleMessages(conv: ConversationRec): MessageRec[] {
  const out: MessageRec[] = [];
  for (let i = conv.messages.length - 1; i >= 0; i--) {
    const m = conv.messages[i] as MessageRec;
    if (!m.deleted) out.push(m);
  }
  return out;
}

/** Whether the 20-most-recent detail rule applies to this conversation. */
function detailLimitApplies(ctx: GraphContext, conv: ConversationRec): boolean {
  return conv.platform === "instagram" || ctx.sim.config.limits.detailLimitMessenger;
}

/** Whether a message's details may be returned (it is among the N most recent, or the rule is off). */
export function isDetailed(ctx: GraphContext, conv: ConversationRec, m: MessageRec): boolean {
  if (!detailLimitApplies(ctx, conv)) return true;
  const visible = visibleMessages(conv);
  const idx = visible.indexOf(m);
  return idx >= 0 && idx < ctx.sim.config.limits.messageDetailLimit;
}

export function renderMessage(ctx: GraphContext, conv: ConversationRec, m: MessageRec, fields: FieldSpec[] | undefined, detailed: boolean): Record<string, unknown> {
  const list = fields ?? specs("id", "created_time");
  checkKnown(list, MESSAGE_FIELDS, "Message");
  const ch = ctx.sim.channelOfConversation(conv);
  const contact = ctx.sim.world.contacts.get(conv.contactId);
  const out: Record<string, unknown> = {};
  for (const f of list) {
    if (!detailed && f.name !== "id" && f.name !== "created_time") continue;
    switch (f.name) {
      case "id":
        out.id = m.id;
        break;
      case "created_time":
        out.created_time = graphTime(m.createdTime);
        break;
      case "message":
        if (m.text !== null && m.text !== "") out.message = m.text;
        break;
      case "from": {
        const from = m.fromPage ? channelParticipant(ch) : contact ? contactParticipant(ctx, contact) : { id: conv.contactId };
        out.from = pick(from, f.children);
        break;
      }
      case "to": {
        const to = m.fromPage ? (contact ? contactParticipant(ctx, contact) : { id: conv.contactId }) : channelParticipant(ch);
        out.to = { data: [pick(to, f.children)] };
        break;
      }
      case "attachments": {
        const data = m.attachments
          .filter((a) => a.type !== "sticker")
          .map((a) => {
            const url = ctx.sim.attachmentUrl(a);
            const item: Record<string, unknown> = { id: a.id, mime_type: a.mimeType, name: a.name, size: a.size };
            if (a.type === "image") item.image_data = { width: a.width ?? 1080, height: a.height ?? 1080, max_width: a.width ?? 1080, max_height: a.height ?? 1080, url, preview_url: url, image_type: 1, render_as_sticker: false };
            else if (a.type === "video") item.video_data = { width: a.width ?? 1080, height: a.height ?? 1920, length: 12, video_type: 0, url, preview_url: url, rotation: 0 };
            else if (a.type === "audio" || a.type === "file") item.file_url = url;
            else if (a.type === "template" || a.type === "fallback") item.generic_template = a.payload ?? null;
            return pick(item, f.children);
          });
        if (data.length > 0) out.attachments = { data, paging: { cursors: { before: encodeCursor(`att:0`), after: encodeCursor(`att:${data.length - 1}`) } } };
        break;
      }
      case "sticker": {
        const st = m.attachments.find((a) => a.type === "sticker");
        if (st) out.sticker = ctx.sim.attachmentUrl(st);
        break;
      }
      case "reply_to":
        if (m.replyTo) out.reply_to = { mid: m.replyTo.mid, is_self_reply: m.replyTo.isSelfReply };
        break;
      case "reactions": {
        if (m.reactions.length === 0) break;
        const byEmoji = new Map<string, Array<Record<string, unknown>>>();
        for (const r of m.reactions) {
          const who = r.by === ch.id ? channelParticipant(ch) : (() => {
            const c = ctx.sim.world.contacts.get(r.by);
            return c ? contactParticipant(ctx, c) : { id: r.by };
          })();
          const users = byEmoji.get(r.emoji) ?? [];
          users.push(ch.platform === "messenger" ? { id: who.id, name: who.name } : { id: who.id, username: who.username });
          byEmoji.set(r.emoji, users);
        }
        out.reactions = { data: [...byEmoji].map(([reaction, users]) => ({ reaction, users })) };
        break;
      }
      case "tags":
        out.tags = { data: m.fromPage ? [{ name: "source:chat" }, { name: "sent" }] : [{ name: "inbox" }, { name: "source:chat" }] };
        break;
      case "is_unsupported":
      case "shares":
      case "story":
        break; // only present when set; the simulator never produces them
    }
  }
  out.id ??= m.id; // Graph always includes a node's id
  return out;
}

export interface MessageListOptions {
  limit: number;
  after?: string | undefined;
  before?: string | undefined;
  children: FieldSpec[] | undefined;
}

const messageKey = (m: MessageRec) => `${m.createdTime}:${m.seq}`;

/** A conversation's messages edge: `{data, paging}` newest first. */
export function messageList(ctx: GraphContext, conv: ConversationRec, opts: MessageListOptions): Record<string, unknown> {
  const all = visibleMessages(conv);
  const limitN = ctx.sim.config.limits.messageDetailLimit;
  const applies = detailLimitApplies(ctx, conv);
  const page = keysetPage(
    all,
    opts.limit,
    opts.after,
    opts.before,
    (key, inclusive) => {
      const [ts, sq] = key.split(":").map(Number) as [number, number];
      return firstIndex(all.length, (i) => {
        const m = all[i] as MessageRec;
        return m.createdTime < ts || (m.createdTime === ts && (inclusive ? m.seq <= sq : m.seq < sq));
      });
    },
    ctx.sim.config.limits.maxCursorDepth,
  );
  const data = page.items.map((m, i) => renderMessage(ctx, conv, m, opts.children, !applies || page.start + i < limitN));
  const out: Record<string, unknown> = { data };
  if (page.items.length > 0) {
    const first = page.items[0] as MessageRec;
    const last = page.items[page.items.length - 1] as MessageRec;
    const paging: Record<string, unknown> = { cursors: { before: encodeCursor(messageKey(first)), after: encodeCursor(messageKey(last)) } };
    const params: Record<string, string> = { limit: String(opts.limit) };
    if (opts.children) params.fields = stringifyFields(opts.children);
    if (page.hasNext) paging.next = ctx.link(`${conv.id}/messages`, { ...params, after: encodeCursor(messageKey(last)) });
    if (page.hasPrevious) paging.previous = ctx.link(`${conv.id}/messages`, { ...params, before: encodeCursor(messageKey(first)) });
    out.paging = paging;
  }
  return out;
}

// ── conversations ───────────────────────────────────────────────────────────
function canReply(ctx: GraphContext, conv: ConversationRec): boolean {
  const since = ctx.sim.sinceOpener(conv);
  const ch = ctx.sim.channelOfConversation(conv);
  return since < 24 * 3_600_000 || (ctx.sim.humanAgentOf(ch) && since < 7 * 24 * 3_600_000);
}

function snippet(m: MessageRec | undefined): string {
  if (!m) return "";
  if (m.text) return m.text.length > 100 ? m.text.slice(0, 100) : m.text;
  const a = m.attachments[0];
  if (!a) return "";
  const what = a.type === "image" ? "a photo" : a.type === "video" ? "a video" : a.type === "audio" ? "a voice message" : a.type === "sticker" ? "a sticker" : "an attachment";
  return `${m.fromPage ? "You" : "They"} sent ${what}.`;
}

export function renderConversation(ctx: GraphContext, conv: ConversationRec, fields: FieldSpec[] | undefined): Record<string, unknown> {
  const list = fields ?? specs("id", "updated_time");
  checkKnown(list, CONVERSATION_FIELDS, "UnifiedThread");
  const ch = ctx.sim.channelOfConversation(conv);
  const contact = ctx.sim.world.contacts.get(conv.contactId);
  const out: Record<string, unknown> = {};
  for (const f of list) {
    switch (f.name) {
      case "id":
        out.id = conv.id;
        break;
      case "updated_time":
        out.updated_time = graphTime(conv.updatedTime);
        break;
      case "participants":
      case "senders": {
        const people = [contact ? contactParticipant(ctx, contact) : { id: conv.contactId }, channelParticipant(ch)];
        out[f.name] = { data: people.map((p) => pick(p, f.children)) };
        break;
      }
      case "message_count":
        out.message_count = visibleMessages(conv).length;
        break;
      case "unread_count":
        out.unread_count = conv.messages.filter((m) => !m.fromPage && !m.deleted && m.createdTime > conv.pageSeenAt).length;
        break;
      case "snippet":
        out.snippet = snippet(visibleMessages(conv)[0]);
        break;
      case "can_reply":
        out.can_reply = canReply(ctx, conv);
        break;
      case "link":
        out.link = ch.ig ? `/direct/t/${conv.id}` : `/${ch.page.username}/inbox/${conv.id}`;
        break;
      case "is_owner":
        out.is_owner = ctx.sim.threadOwnerOf(ch) === "us";
        break;
      case "messages": {
        const limits = ctx.sim.config.limits;
        const limit = f.modifiers.limit !== undefined ? clampLimit(f.modifiers.limit, limits.maxMessagesPageSize) : limits.defaultMessagesPageSize;
        out.messages = messageList(ctx, conv, { limit, after: f.modifiers.after, before: f.modifiers.before, children: f.children });
        break;
      }
    }
  }
  out.id ??= conv.id;
  return out;
}

function clampLimit(raw: string, max: number): number {
  const n = Number.parseInt(raw, 10);
  if (!Number.isFinite(n) || n < 0) throw Errors.paramInvalid("Param limit must be a non-negative integer");
  return Math.min(Math.max(n, 1), max);
}

export const conversationKey = (c: ConversationRec) => `${c.updatedTime}:${c.id}`;

/** Index of the first conversation sorting strictly after (or at, when inclusive) the cursor key. */
export function conversationPosition(list: readonly ConversationRec[], key: string, inclusive: boolean): number {
  const sep = key.indexOf(":");
  const t = Number(key.slice(0, sep));
  const id = key.slice(sep + 1);
  return firstIndex(list.length, (i) => {
    const c = list[i] as ConversationRec;
    return c.updatedTime < t || (c.updatedTime === t && (inclusive ? c.id <= id : c.id < id));
  });
}

// ── people, Pages, IG accounts, the user ────────────────────────────────────
export function renderContact(ctx: GraphContext, c: ContactRec, fields: FieldSpec[] | undefined): Record<string, unknown> {
  const ig = c.platform === "instagram";
  const list = fields ?? (ig ? specs("name", "username", "profile_pic", "id") : specs("first_name", "last_name", "profile_pic", "id"));
  checkKnown(list, ig ? IGSID_FIELDS : PSID_FIELDS, "User");
  const out: Record<string, unknown> = {};
  for (const f of list) {
    switch (f.name) {
      case "id":
        out.id = c.id;
        break;
      case "name":
        out.name = ctx.sim.contactName(c);
        break;
      case "first_name":
        out.first_name = c.firstName;
        break;
      case "last_name":
        out.last_name = c.lastName;
        break;
      case "username":
        out.username = c.username;
        break;
      case "profile_pic":
        out.profile_pic = ctx.sim.avatarUrl(c.id);
        break;
      case "locale":
        out.locale = c.locale;
        break;
      case "follower_count":
        out.follower_count = (Number(c.id.slice(-3)) % 900) + 12;
        break;
      case "is_user_follow_business":
        out.is_user_follow_business = Number(c.id.slice(-1)) % 2 === 0;
        break;
      case "is_business_follow_user":
        out.is_business_follow_user = false;
        break;
      case "is_verified_user":
        out.is_verified_user = false;
        break;
    }
  }
  out.id ??= c.id;
  return out;
}

export function renderIg(ctx: GraphContext, ig: IgAccountRec, fields: FieldSpec[] | undefined): Record<string, unknown> {
  const list = fields ?? specs("id");
  checkKnown(list, IG_FIELDS, "IGUser");
  const out: Record<string, unknown> = {};
  for (const f of list) {
    if (f.name === "id") out.id = ig.id;
    else if (f.name === "username") out.username = ig.username;
    else if (f.name === "name") out.name = ig.name;
    else if (f.name === "profile_picture_url") out.profile_picture_url = ctx.sim.avatarUrl(ig.id);
    else if (f.name === "followers_count") out.followers_count = 1204;
  }
  out.id ??= ig.id;
  return out;
}

function pictureSize(f: FieldSpec): number {
  const t = f.modifiers.type;
  if (f.modifiers.width) return Number.parseInt(f.modifiers.width, 10) || 50;
  return t === "large" ? 200 : t === "normal" ? 100 : t === "small" ? 50 : t === "square" ? 50 : 50;
}

export function renderPage(ctx: GraphContext, page: PageRec, fields: FieldSpec[] | undefined, opts: { withToken: boolean }): Record<string, unknown> {
  const list = fields ?? specs("name", "id");
  checkKnown(list, PAGE_FIELDS, "Page");
  const out: Record<string, unknown> = {};
  for (const f of list) {
    switch (f.name) {
      case "id":
        out.id = page.id;
        break;
      case "name":
        out.name = page.name;
        break;
      case "category":
        out.category = page.category;
        break;
      case "category_list":
        out.category_list = [{ id: "2201", name: page.category }];
        break;
      case "picture": {
        const size = pictureSize(f);
        const data = { height: size, is_silhouette: false, url: ctx.sim.avatarUrl(page.id), width: size };
        out.picture = { data: pick(data, f.children?.[0]?.name === "data" ? f.children[0].children : undefined) };
        break;
      }
      case "instagram_business_account": {
        const ig = page.igAccountId ? ctx.sim.world.igAccounts.get(page.igAccountId) : undefined;
        if (ig) out.instagram_business_account = renderIg(ctx, ig, f.children);
        break;
      }
      case "access_token":
        if (opts.withToken) {
          const t = ctx.authenticate();
          out.access_token = t.kind === "user" ? ctx.sim.pageTokenFor(page, t) : (ctx.tokenString ?? ctx.sim.pageTokenFor(page));
        }
        break;
      case "tasks":
        out.tasks = page.tasks;
        break;
      case "username":
        out.username = page.username;
        break;
      case "link":
        out.link = `https://www.facebook.com/${page.username}`;
        break;
    }
  }
  out.id ??= page.id;
  return out;
}

export function renderUser(ctx: GraphContext, fields: FieldSpec[] | undefined): Record<string, unknown> {
  const u = ctx.sim.world.user;
  const list = fields ?? specs("name", "id");
  checkKnown(list, USER_FIELDS, "User");
  const out: Record<string, unknown> = {};
  for (const f of list) {
    if (f.name === "id") out.id = u.id;
    else if (f.name === "name") out.name = u.name;
    else if (f.name === "first_name") out.first_name = u.firstName;
    else if (f.name === "last_name") out.last_name = u.lastName;
    else if (f.name === "picture") out.picture = { data: { height: 50, is_silhouette: false, url: ctx.sim.avatarUrl(u.id), width: 50 } };
  }
  out.id ??= u.id;
  return out;
}
