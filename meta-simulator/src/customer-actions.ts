// What the people writing to the Pages do (control API, customer page): messages, reactions, postbacks,
// referrals, reads, deliveries, edits, unsends. Each changes the world, moves the window opener where Meta
// does, emits the webhook Meta would send and tells the customer page (SSE).

import { ControlError } from "./control-error";
import type { ChannelRef, Simulator } from "./simulator";
import { emit, webhookAttachments } from "./webhook-payloads";
import type { ContactRec, ConversationRec, MessageRec, OpenerKind, Platform } from "./world";

export interface CustomerTarget {
  /** Page id (Messenger) or IG account id (Instagram). */
  channelId: string;
  /** PSID / IGSID of an existing person. */
  contactId?: string;
  /** Creates a new person (when contactId is not given). */
  newContact?: { name?: string; firstName?: string; lastName?: string; username?: string; locale?: string };
}

export interface CustomerAttachmentInput {
  type: "image" | "video" | "audio" | "file" | "sticker";
  url?: string;
  name?: string;
}

export interface ActionResult {
  channelId: string;
  platform: Platform;
  contactId: string;
  conversationId: string | null;
  messageId: string | null;
  timestamp: number;
}

export const REACTION_NAMES: Record<string, string> = {
  "❤️": "love",
  "❤": "love",
  "😍": "love",
  "😆": "smile",
  "😄": "smile",
  "😊": "smile",
  "😂": "smile",
  "😮": "wow",
  "😢": "sad",
  "😠": "angry",
  "👍": "like",
  "👎": "dislike",
};

export function createContact(sim: Simulator, ch: ChannelRef, spec: NonNullable<CustomerTarget["newContact"]>, userRef: string | null = null): ContactRec {
  let first = spec.firstName ?? "";
  let last = spec.lastName ?? "";
  if (!first && !last) {
    const parts = (spec.name ?? "New Customer").trim().split(/\s+/);
    first = parts[0] ?? "New";
    last = parts.slice(1).join(" ");
  }
  let username: string | null = null;
  if (ch.platform === "instagram") {
    const base =
      spec.username ??
      (`${first}.${last}`
        .toLowerCase()
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/[^a-z0-9._]/g, "")
        .replace(/^\.+|\.+$/g, "") || "customer");
    username = base;
    let n = 1;
    const taken = new Set([...sim.world.contacts.values()].filter((c) => c.channelId === ch.id).map((c) => c.username));
    while (taken.has(username)) username = `${base}${++n}`;
  }
  const contact: ContactRec = {
    id: ch.platform === "messenger" ? sim.ids.psid() : sim.ids.igsid(),
    platform: ch.platform,
    channelId: ch.id,
    firstName: first,
    lastName: last,
    username,
    locale: spec.locale ?? "en_US",
    userRef,
    createdAt: sim.now(),
  };
  sim.world.addContact(contact);
  sim.touch();
  return contact;
}

function resolveTarget(sim: Simulator, t: CustomerTarget, opts: { create: boolean; userRef?: boolean } = { create: true }): { ch: ChannelRef; contact: ContactRec } {
  const ch = sim.channelById(t.channelId);
  if (!ch) throw new ControlError(404, `no Page or Instagram account ${t.channelId}`);
  if (t.contactId) {
    const contact = sim.world.contacts.get(t.contactId);
    if (!contact || contact.channelId !== ch.id) throw new ControlError(404, `no person ${t.contactId} on ${ch.id}`);
    return { ch, contact };
  }
  if (!opts.create) throw new ControlError(400, "contactId is required for this action");
  const contact = createContact(sim, ch, t.newContact ?? {}, opts.userRef ? sim.ids.userRef() : null);
  return { ch, contact };
}

export function conversationFor(sim: Simulator, ch: ChannelRef, contact: ContactRec, create: boolean): ConversationRec | null {
  const existing = sim.world.conversationOfContact(contact.id);
  if (existing || !create) return existing ?? null;
  const conv: ConversationRec = {
    id: ch.platform === "messenger" ? sim.ids.messengerConversationId() : sim.ids.instagramConversationId(ch.id),
    platform: ch.platform,
    channelId: ch.id,
    pageId: ch.page.id,
    contactId: contact.id,
    messages: [],
    updatedTime: sim.now(),
    lastOpenerAt: null,
    lastOpenerKind: null,
    pageSeenAt: 0,
    customerDeliveredAt: 0,
    customerReadAt: 0,
  };
  sim.world.addConversation(conv);
  return conv;
}

function setOpener(sim: Simulator, conv: ConversationRec, at: number, kind: OpenerKind): void {
  if (conv.lastOpenerAt === null || at >= conv.lastOpenerAt) {
    conv.lastOpenerAt = at;
    conv.lastOpenerKind = kind;
  }
}

export function customerMessage(
  sim: Simulator,
  target: CustomerTarget,
  input: {
    text?: string;
    attachments?: CustomerAttachmentInput[];
    quickReplyPayload?: string;
    replyTo?: string;
    referral?: Record<string, unknown>;
  },
): ActionResult {
  const { ch, contact } = resolveTarget(sim, target);
  const text = input.text ?? null;
  const atts = (input.attachments ?? []).map((a) =>
    sim.newAttachment(a.type, { ...(a.url !== undefined ? { url: a.url } : {}), ...(a.name !== undefined ? { name: a.name } : {}), ...(a.type === "sticker" ? { stickerId: 369239263222822 } : {}) }),
  );
  if (!text && atts.length === 0) throw new ControlError(400, "a customer message needs text or attachments");
  const conv = conversationFor(sim, ch, contact, true) as ConversationRec;
  let replyTo: MessageRec["replyTo"] = null;
  if (input.replyTo) {
    const target = sim.world.messages.get(input.replyTo);
    if (!target || target.conversationId !== conv.id) throw new ControlError(400, `replyTo ${input.replyTo} is not a message of this conversation`);
    replyTo = { mid: target.id, isSelfReply: !target.fromPage };
  }
  const now = sim.now();
  const m = sim.addMessageAt(ch, conv, now, {
    fromPage: false,
    text,
    attachments: atts,
    quickReplyPayload: input.quickReplyPayload ?? null,
    replyTo,
    referral: input.referral ?? null,
    source: "customer",
  });
  setOpener(sim, conv, now, input.referral && input.referral.source === "ADS" ? "AD_REFERRAL" : "MESSAGE");
  sim.touch();
  const isIgSticker = ch.platform === "instagram" && atts.some((a) => a.type === "sticker");
  if (!isIgSticker) {
    // Instagram sends no webhook for GIFs/stickers (REFERENCE §9).
    const message: Record<string, unknown> = { mid: m.id };
    if (text !== null) message.text = text;
    if (atts.length > 0) message.attachments = webhookAttachments(sim, m);
    if (m.quickReplyPayload !== null) message.quick_reply = { payload: m.quickReplyPayload };
    if (replyTo) message.reply_to = { mid: replyTo.mid, is_self_reply: replyTo.isSelfReply };
    if (m.referral) message.referral = m.referral;
    emit(sim, ch, "messages", { sender: { id: contact.id }, recipient: { id: ch.id }, timestamp: now, message }, true);
  }
  sim.notify({ type: "message", conversationId: conv.id, channelId: ch.id, contactId: contact.id, messageId: m.id });
  return { channelId: ch.id, platform: ch.platform, contactId: contact.id, conversationId: conv.id, messageId: m.id, timestamp: now };
}

export function customerReaction(sim: Simulator, target: CustomerTarget, input: { mid: string; emoji?: string; action?: "react" | "unreact" }): ActionResult {
  const { ch, contact } = resolveTarget(sim, target, { create: false });
  const m = sim.world.messages.get(input.mid);
  const conv = sim.world.conversationOfContact(contact.id);
  if (!m || !conv || m.conversationId !== conv.id) throw new ControlError(400, `mid ${input.mid} is not a message of this person's conversation`);
  const action = input.action ?? "react";
  const emoji = input.emoji ?? "❤️";
  const reaction = REACTION_NAMES[emoji] ?? "other";
  const now = sim.now();
  m.reactions = m.reactions.filter((r) => r.by !== contact.id);
  if (action === "react") {
    m.reactions.push({ by: contact.id, emoji, reaction });
    setOpener(sim, conv, now, "REACTION");
  }
  sim.touch();
  const payload: Record<string, unknown> =
    ch.platform === "instagram" && action === "unreact" ? { mid: m.id, action } : ch.platform === "instagram" ? { mid: m.id, action, reaction, emoji } : { reaction, emoji, action, mid: m.id };
  emit(sim, ch, "message_reactions", { sender: { id: contact.id }, recipient: { id: ch.id }, timestamp: now, reaction: payload }, true);
  sim.notify({ type: "message_updated", conversationId: conv.id, messageId: m.id });
  return { channelId: ch.id, platform: ch.platform, contactId: contact.id, conversationId: conv.id, messageId: m.id, timestamp: now };
}

export function customerPostback(sim: Simulator, target: CustomerTarget & { asUserRef?: boolean }, input: { title: string; payload: string; referral?: Record<string, unknown> }): ActionResult & { userRef: string | null } {
  const { ch, contact } = resolveTarget(sim, target, { create: true, userRef: target.asUserRef === true });
  const conv = conversationFor(sim, ch, contact, true) as ConversationRec;
  const now = sim.now();
  const m = sim.addMessageAt(ch, conv, now, {
    fromPage: false,
    text: input.title,
    referral: input.referral ?? null,
    postback: { title: input.title, payload: input.payload },
    source: "customer",
  });
  setOpener(sim, conv, now, "POSTBACK");
  sim.touch();
  const useRef = target.asUserRef === true && contact.userRef !== null;
  const standby = sim.threadOwnerOf(ch) === "other";
  const postback: Record<string, unknown> = { title: input.title };
  if (!standby) postback.payload = input.payload; // standby postbacks lack payload
  postback.mid = m.id;
  if (input.referral) postback.referral = input.referral;
  emit(sim, ch, "messaging_postbacks", { sender: useRef ? { user_ref: contact.userRef } : { id: contact.id }, recipient: { id: ch.id }, timestamp: now, postback }, true);
  sim.notify({ type: "message", conversationId: conv.id, channelId: ch.id, contactId: contact.id, messageId: m.id });
  return { channelId: ch.id, platform: ch.platform, contactId: contact.id, conversationId: conv.id, messageId: m.id, timestamp: now, userRef: contact.userRef };
}

export function customerReferral(sim: Simulator, target: CustomerTarget, input: { ref?: string; source?: string; adId?: string; adsContextData?: Record<string, unknown> }): ActionResult {
  const { ch, contact } = resolveTarget(sim, target);
  const conv = conversationFor(sim, ch, contact, true) as ConversationRec;
  const now = sim.now();
  const source = input.source ?? (input.adId ? "ADS" : "SHORTLINK");
  const referral: Record<string, unknown> = {};
  if (input.ref !== undefined) referral.ref = input.ref;
  if (input.adId !== undefined) referral.ad_id = input.adId;
  referral.source = source;
  referral.type = "OPEN_THREAD";
  if (input.adsContextData) referral.ads_context_data = input.adsContextData;
  setOpener(sim, conv, now, source === "ADS" ? "AD_REFERRAL" : "REFERRAL");
  sim.touch();
  emit(sim, ch, ch.platform === "messenger" ? "messaging_referrals" : "messaging_referral", { sender: { id: contact.id }, recipient: { id: ch.id }, timestamp: now, referral }, true);
  return { channelId: ch.id, platform: ch.platform, contactId: contact.id, conversationId: conv.id, messageId: null, timestamp: now };
}

export function customerRead(sim: Simulator, target: CustomerTarget): ActionResult & { watermark: number | null; mid: string | null } {
  const { ch, contact } = resolveTarget(sim, target, { create: false });
  const conv = sim.world.conversationOfContact(contact.id);
  if (!conv) throw new ControlError(400, "this person has no conversation");
  const now = sim.now();
  const lastPage = [...conv.messages].reverse().find((m) => m.fromPage && !m.deleted) ?? null;
  conv.customerReadAt = now;
  conv.customerDeliveredAt = Math.max(conv.customerDeliveredAt, now);
  sim.touch();
  if (ch.platform === "messenger") {
    emit(sim, ch, "message_reads", { sender: { id: contact.id }, recipient: { id: ch.id }, timestamp: now, read: { watermark: now } }, true);
  } else if (lastPage) {
    emit(sim, ch, "messaging_seen", { sender: { id: contact.id }, recipient: { id: ch.id }, timestamp: now, read: { mid: lastPage.id } }, true);
  }
  return { channelId: ch.id, platform: ch.platform, contactId: contact.id, conversationId: conv.id, messageId: lastPage?.id ?? null, timestamp: now, watermark: ch.platform === "messenger" ? now : null, mid: ch.platform === "instagram" ? (lastPage?.id ?? null) : null };
}

/** Messenger only: the person's device confirms delivery of the Page's messages up to now. */
export function customerDelivery(sim: Simulator, target: CustomerTarget): ActionResult & { mids: string[] } {
  const { ch, contact } = resolveTarget(sim, target, { create: false });
  const conv = sim.world.conversationOfContact(contact.id);
  if (!conv) throw new ControlError(400, "this person has no conversation");
  if (ch.platform !== "messenger") throw new ControlError(400, "Instagram has no delivery events");
  const mids = deliver(sim, ch, conv, contact);
  return { channelId: ch.id, platform: ch.platform, contactId: contact.id, conversationId: conv.id, messageId: null, timestamp: sim.now(), mids };
}

export function deliver(sim: Simulator, ch: ChannelRef, conv: ConversationRec, contact: ContactRec): string[] {
  const now = sim.now();
  const pending = conv.messages.filter((m) => m.fromPage && !m.deleted && m.createdTime > conv.customerDeliveredAt && m.createdTime <= now);
  if (pending.length === 0) return [];
  const watermark = (pending[pending.length - 1] as MessageRec).createdTime;
  conv.customerDeliveredAt = watermark;
  sim.touch();
  const mids = pending.map((m) => m.id);
  emit(sim, ch, "message_deliveries", { sender: { id: contact.id }, recipient: { id: ch.id }, delivery: { mids, watermark } }, true);
  return mids;
}

export function customerEdit(sim: Simulator, target: CustomerTarget, input: { mid: string; text: string }): ActionResult & { numEdit: number } {
  const { ch, contact } = resolveTarget(sim, target, { create: false });
  const m = sim.world.messages.get(input.mid);
  const conv = sim.world.conversationOfContact(contact.id);
  if (!m || !conv || m.conversationId !== conv.id || m.fromPage) throw new ControlError(400, `mid ${input.mid} is not a message this person sent`);
  if (m.editCount >= 5) throw new ControlError(400, "a message can be edited at most 5 times");
  m.editCount++;
  m.text = input.text;
  const now = sim.now();
  sim.touch();
  emit(sim, ch, ch.platform === "messenger" ? "message_edits" : "message_edit", { sender: { id: contact.id }, recipient: { id: ch.id }, timestamp: now, message_edit: { mid: m.id, text: input.text, num_edit: m.editCount } }, true);
  sim.notify({ type: "message_updated", conversationId: conv.id, messageId: m.id });
  return { channelId: ch.id, platform: ch.platform, contactId: contact.id, conversationId: conv.id, messageId: m.id, timestamp: now, numEdit: m.editCount };
}

export function customerUnsend(sim: Simulator, target: CustomerTarget, input: { mid: string }): ActionResult {
  const { ch, contact } = resolveTarget(sim, target, { create: false });
  const m = sim.world.messages.get(input.mid);
  const conv = sim.world.conversationOfContact(contact.id);
  if (!m || !conv || m.conversationId !== conv.id || m.fromPage) throw new ControlError(400, `mid ${input.mid} is not a message this person sent`);
  m.deleted = true;
  const now = sim.now();
  sim.touch();
  // Instagram reports unsends (`is_deleted`); Messenger has no unsend webhook.
  if (ch.platform === "instagram") emit(sim, ch, "messages", { sender: { id: contact.id }, recipient: { id: ch.id }, timestamp: now, message: { mid: m.id, is_deleted: true } }, true);
  sim.notify({ type: "message_updated", conversationId: conv.id, messageId: m.id });
  return { channelId: ch.id, platform: ch.platform, contactId: contact.id, conversationId: conv.id, messageId: m.id, timestamp: now };
}
