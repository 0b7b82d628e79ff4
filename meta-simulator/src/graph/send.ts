// Send API: POST /{page-id}/messages, /me/messages, /{ig-id}/messages — Meta's validation, the messaging
// window rules (REFERENCE §3–4), sender actions, and the resulting message + echo.

import { DAY, HOUR } from "../clock";
import { Errors, GraphError } from "../errors";
import type { LimitKind } from "../ratelimit";
import type { ChannelRef } from "../simulator";
import type { AttachmentRec, AttachmentType, ContactRec, ConversationRec, MessageRec, UploadRec } from "../world";
import type { GraphContext } from "./context";
import { checkPrivateReply, ensureConversation, markPrivateReplied } from "../comments";
import { INSTAGRAM_LOGIN_COMMENT_SCOPES } from "./comments";
import { validateFeedbackTemplate } from "../customer-feedback";

const MESSAGING_TYPES = ["RESPONSE", "UPDATE", "MESSAGE_TAG", "UTILITY"] as const;
const RETIRED_TAGS = ["CONFIRMED_EVENT_UPDATE", "ACCOUNT_UPDATE", "POST_PURCHASE_UPDATE"] as const;
const MESSENGER_TAGS = ["HUMAN_AGENT", "CUSTOMER_FEEDBACK", "NON_PROMOTIONAL_SUBSCRIPTION"] as const;
const SENDER_ACTIONS = ["typing_on", "typing_off", "mark_seen", "react", "unreact"] as const;
const MEDIA_TYPES = ["image", "video", "audio", "file"] as const;

const STANDARD_WINDOW = 24 * HOUR;
const TAG_WINDOW = 7 * DAY;

export interface SendResult {
  body: Record<string, unknown>;
  objectId: string;
  platform: "messenger" | "instagram";
  messageId: string | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Resolves the object in the path (page id, ig id or "me") to a channel the token may send from. */
function resolveSenderChannel(ctx: GraphContext, objectId: string, recipientId: string | null): ChannelRef {
  const token = ctx.authenticate();
  if (token.kind === "instagram") {
    // Instagram Login: `/me/messages` or `/{ig-user-id}/messages` of the account the person logged in with.
    if (objectId === "me" || objectId === token.igAccountId) return ctx.sim.channelById(token.igAccountId as string) as ChannelRef;
    throw Errors.unsupportedRequest("post", objectId);
  }
  const page = ctx.requirePage();
  if (objectId === "me" || objectId === page.id) {
    // Facebook Login: Instagram messages also go through the Page; the recipient decides the platform.
    if (recipientId && page.igAccountId) {
      const c = ctx.sim.world.contacts.get(recipientId);
      if (c && c.channelId === page.igAccountId) return ctx.sim.channelById(page.igAccountId) as ChannelRef;
    }
    // A private reply goes out on the channel of the comment it answers.
    const recipient = ctx.json("recipient");
    if (page.igAccountId && isObject(recipient) && recipient.comment_id !== undefined) {
      const comment = ctx.sim.world.comments.get(String(recipient.comment_id));
      if (comment && comment.channelId === page.igAccountId) return ctx.sim.channelById(page.igAccountId) as ChannelRef;
    }
    return ctx.sim.channelById(page.id) as ChannelRef;
  }
  if (page.igAccountId === objectId) return ctx.sim.channelById(objectId) as ChannelRef;
  throw Errors.unsupportedRequest("post", objectId);
}

/** Audio/video sends count against the 10/s bucket, everything else the 300/s one. */
function limitKindOf(message: unknown): LimitKind {
  if (!isObject(message)) return "send";
  const a = message.attachment;
  if (isObject(a) && (a.type === "audio" || a.type === "video")) return "sendMedia";
  return "send";
}

function windowError(ch: ChannelRef): GraphError {
  return ch.platform === "messenger" ? Errors.outsideWindowMessenger() : Errors.outsideWindowInstagram();
}

/** `beforePerform` runs once the channel is known and its bucket was charged (fault injection hook). */
export function handleSend(ctx: GraphContext, objectId: string, beforePerform: (ch: ChannelRef) => void = () => {}): SendResult {
  const sim = ctx.sim;
  const recipientRaw = ctx.json("recipient");
  const recipientId = isObject(recipientRaw) && typeof recipientRaw.id === "string" ? recipientRaw.id : isObject(recipientRaw) && typeof recipientRaw.id === "number" ? String(recipientRaw.id) : null;
  const ch = resolveSenderChannel(ctx, objectId, recipientId);
  const ig = ch.platform === "instagram";
  ctx.requireScopes([ctx.messagingScope(ch)]);
  const messageRaw = ctx.json("message");
  ctx.limit(ch.id, limitKindOf(messageRaw), ig ? "instagram" : "messenger");
  beforePerform(ch);

  // ── recipient ──
  if (recipientRaw === undefined || recipientRaw === null || recipientRaw === "") throw Errors.paramRequired("recipient");
  if (!isObject(recipientRaw) || Object.keys(recipientRaw).length === 0) throw Errors.paramNonEmpty("recipient");
  const keys = Object.keys(recipientRaw);
  let contact: ContactRec | undefined;
  let byUserRef = false;
  if (keys.includes("id")) {
    if (!recipientId || !/^\d+$/.test(recipientId)) throw Errors.paramInvalid('Param recipient[id] must be a valid ID string (e.g., "123")');
    contact = sim.world.contacts.get(recipientId);
    if (!contact || contact.channelId !== ch.id) throw ig ? Errors.noMatchingIgUser() : Errors.noMatchingUser();
  } else if (keys.includes("user_ref")) {
    if (ig) throw Errors.paramInvalid("Instagram does not support recipient[user_ref]");
    const ref = String(recipientRaw.user_ref);
    const cid = sim.world.contactByUserRef.get(ref);
    contact = cid ? sim.world.contacts.get(cid) : undefined;
    if (!contact || contact.channelId !== ch.id) throw Errors.noMatchingUser();
    byUserRef = true;
  } else if (keys.includes("comment_id") || keys.includes("post_id")) {
    return privateReply(ctx, ch, recipientRaw, messageRaw);
  } else if (keys.includes("notification_messages_token") || keys.includes("notification_message_token")) {
    throw Errors.noPermission("Application does not have permission for this action (Marketing Messages are not available in the simulator)");
  } else if (keys.includes("phone_number")) {
    throw Errors.phoneMatchingNotAllowed();
  } else {
    throw Errors.paramInvalid("param recipient must contain one of id, user_ref, comment_id, post_id, notification_messages_token or phone_number");
  }
  const conv = sim.world.conversationOfContact(contact.id);
  if (!conv) throw ig ? Errors.noMatchingIgUser() : Errors.noMatchingUser();

  // ── message xor sender_action ──
  const senderAction = ctx.str("sender_action");
  const hasMessage = messageRaw !== undefined && messageRaw !== null && messageRaw !== "";
  if (senderAction !== undefined && hasMessage) {
    throw Errors.paramInvalid("sender_action must be sent alone: a request with sender_action cannot also carry message");
  }
  if (senderAction !== undefined) return senderActionSend(ctx, ch, contact, conv, senderAction, byUserRef);
  if (!hasMessage) throw Errors.mustSendMessageOrState();
  if (!isObject(messageRaw)) throw Errors.paramNonEmpty("message");

  // ── messaging_type and tag ──
  const messagingType = (ctx.str("messaging_type") ?? "RESPONSE").toUpperCase();
  if (!(MESSAGING_TYPES as readonly string[]).includes(messagingType)) {
    throw Errors.paramInvalid(`Param messaging_type must be one of {${MESSAGING_TYPES.join(", ")}} - got "${ctx.str("messaging_type")}"`);
  }
  let tag: string | null = null;
  if (messagingType === "MESSAGE_TAG") {
    const rawTag = ctx.str("tag");
    if (!rawTag) throw Errors.paramInvalid("Param tag is required when messaging_type is MESSAGE_TAG");
    tag = rawTag.toUpperCase();
    if ((RETIRED_TAGS as readonly string[]).includes(tag)) throw Errors.retiredTag(tag);
    if (ig && tag !== "HUMAN_AGENT") throw Errors.paramInvalid(`Instagram supports only the HUMAN_AGENT message tag - got "${rawTag}"`);
    if (!(MESSENGER_TAGS as readonly string[]).includes(tag)) throw Errors.paramInvalid(`Param tag must be one of {${MESSENGER_TAGS.join(", ")}} - got "${rawTag}"`);
  }
  if (messagingType === "UTILITY" && ig) throw Errors.paramInvalid("messaging_type UTILITY is not available on Instagram");
  const notification = ctx.str("notification_type");
  if (notification !== undefined && !["REGULAR", "SILENT_PUSH", "NO_PUSH"].includes(notification.toUpperCase())) {
    throw Errors.paramInvalid(`Param notification_type must be one of {REGULAR, SILENT_PUSH, NO_PUSH} - got "${notification}"`);
  }

  // ── content ──
  const content = validateMessage(ctx, ch, messageRaw);
  if (messagingType === "UTILITY" && content.templateType === null) throw Errors.paramInvalid("messaging_type UTILITY can only be used with an approved utility template");
  if (tag === "CUSTOMER_FEEDBACK" && content.templateType !== "customer_feedback") throw Errors.paramInvalid("The CUSTOMER_FEEDBACK tag can only be used with the customer feedback template");

  let replyTo: MessageRec["replyTo"] = null;
  const replyRaw = ctx.json("reply_to");
  if (replyRaw !== undefined && replyRaw !== null && replyRaw !== "") {
    const mid = isObject(replyRaw) ? replyRaw.mid : undefined;
    const target = typeof mid === "string" ? sim.world.messages.get(mid) : undefined;
    if (!target || target.conversationId !== conv.id || target.deleted) throw Errors.paramInvalid("Param reply_to[mid] must be the id of a message in this conversation");
    replyTo = { mid: target.id, isSelfReply: target.fromPage };
  }

  // ── window ──
  const since = sim.sinceOpener(conv);
  if (messagingType === "RESPONSE" || messagingType === "UPDATE") {
    if (!(since < STANDARD_WINDOW)) throw windowError(ch);
  } else if (messagingType === "MESSAGE_TAG") {
    if (tag === "HUMAN_AGENT") {
      if (!sim.humanAgentOf(ch)) throw Errors.humanAgentNotApproved();
      if (!(since < TAG_WINDOW)) throw windowError(ch);
    } else if (tag === "CUSTOMER_FEEDBACK") {
      if (!(since < TAG_WINDOW)) throw windowError(ch);
    } else if (tag === "NON_PROMOTIONAL_SUBSCRIPTION") {
      throw Errors.newsPermissionRequired();
    }
  }

  // ── perform ──
  const m = sim.recordPageMessage(ch, conv, {
    appId: sim.config.app.id,
    text: content.text,
    attachments: content.attachments,
    metadata: content.metadata,
    replyTo,
    messagingType,
    tag,
    source: "send_api",
    ...(content.quickReplies.length > 0 ? { quickReplies: content.quickReplies } : {}),
    ...(byUserRef ? { recipientOverride: { user_ref: contact.userRef } } : {}),
  });
  const body: Record<string, unknown> = byUserRef ? { message_id: m.id } : { recipient_id: contact.id, message_id: m.id };
  if (content.reusableAttachmentId) body.attachment_id = content.reusableAttachmentId;
  return { body, objectId: ch.id, platform: ch.platform, messageId: m.id };
}

/**
 * A private reply: one message to the author of a comment (or visitor post), text or one attachment, no
 * messaging_type or tag needed; Meta's refusals in comments.ts. The person's conversation is created when
 * they never wrote; a private reply does not open the messaging window — their answer does.
 */
function privateReply(ctx: GraphContext, ch: ChannelRef, recipient: Record<string, unknown>, messageRaw: unknown): SendResult {
  const sim = ctx.sim;
  // Instagram Login: a private reply needs the comments permission besides the messaging one (Meta's "Send a
  // Private Reply to a Commenter" lists instagram_business_basic + instagram_business_manage_comments; the send
  // itself already required instagram_business_manage_messages — we require all three, the stricter reading).
  if (ctx.authenticate().kind === "instagram") ctx.requireScopes(INSTAGRAM_LOGIN_COMMENT_SCOPES);
  if (ctx.str("sender_action") !== undefined) throw Errors.paramInvalid("sender_action cannot be sent to comment_id or post_id recipients");
  if (messageRaw === undefined || messageRaw === null || messageRaw === "") throw Errors.mustSendMessageOrState();
  if (!isObject(messageRaw)) throw Errors.paramNonEmpty("message");
  if (messageRaw.attachments !== undefined) throw Errors.paramInvalid("A private reply is a single message: use message[text] or one message[attachment]");
  const content = validateMessage(ctx, ch, messageRaw);
  const { contact, target } = checkPrivateReply(sim, ch, recipient);
  const conv = ensureConversation(sim, ch, contact);
  const m = sim.recordPageMessage(ch, conv, {
    appId: sim.config.app.id,
    text: content.text,
    attachments: content.attachments,
    metadata: content.metadata,
    replyTo: null,
    messagingType: null,
    tag: null,
    source: "send_api",
  });
  markPrivateReplied(target, m.id);
  sim.touch();
  return { body: { recipient_id: contact.id, message_id: m.id }, objectId: ch.id, platform: ch.platform, messageId: m.id };
}

function senderActionSend(ctx: GraphContext, ch: ChannelRef, contact: ContactRec, conv: ConversationRec, raw: string, byUserRef: boolean): SendResult {
  const sim = ctx.sim;
  const action = raw.toLowerCase();
  if (!(SENDER_ACTIONS as readonly string[]).includes(action)) {
    throw Errors.paramInvalid(`Param sender_action must be one of {${SENDER_ACTIONS.map((s) => s.toUpperCase()).join(", ")}} - got "${raw}"`);
  }
  // Sender actions cannot be tagged: they need the standard window.
  if (!(sim.sinceOpener(conv) < STANDARD_WINDOW)) throw windowError(ch);
  if (action === "react" || action === "unreact") {
    const payload = ctx.json("payload");
    if (!isObject(payload) || typeof payload.message_id !== "string") throw Errors.paramInvalid("Param payload[message_id] is required for react and unreact");
    const target = sim.world.messages.get(payload.message_id);
    if (!target || target.conversationId !== conv.id || target.deleted) throw Errors.paramInvalid("Param payload[message_id] must be the id of a message in this conversation");
    target.reactions = target.reactions.filter((r) => r.by !== ch.id);
    if (action === "react") {
      if (typeof payload.reaction !== "string" || payload.reaction === "") throw Errors.paramInvalid("Param payload[reaction] is required for react");
      target.reactions.push({ by: ch.id, emoji: payload.reaction, reaction: "other" });
    }
    sim.touch();
  } else if (action === "mark_seen") {
    conv.pageSeenAt = Math.max(conv.pageSeenAt, sim.now());
    sim.touch();
  }
  return { body: byUserRef ? {} : { recipient_id: contact.id }, objectId: ch.id, platform: ch.platform, messageId: null };
}

interface ValidatedContent {
  text: string | null;
  attachments: AttachmentRec[];
  metadata: string | null;
  templateType: string | null;
  reusableAttachmentId: string | null;
  /** Text quick replies offered (stored so the person can answer one). */
  quickReplies: { title: string; payload: string }[];
}

function validateMessage(ctx: GraphContext, ch: ChannelRef, msg: Record<string, unknown>): ValidatedContent {
  const sim = ctx.sim;
  const ig = ch.platform === "instagram";
  const present = ["text", "attachment", "attachments", "sticker_id"].filter((k) => msg[k] !== undefined && msg[k] !== null);
  if (present.length === 0) throw Errors.paramInvalid("Message cannot be empty, must provide valid attachment or text");
  if (present.length > 1) throw Errors.paramInvalid("Only one of text, attachment, attachments or sticker_id can be set in param message");
  const out: ValidatedContent = { text: null, attachments: [], metadata: null, templateType: null, reusableAttachmentId: null, quickReplies: [] };

  if (msg.text !== undefined && msg.text !== null) {
    if (typeof msg.text !== "string" || msg.text.trim() === "") throw Errors.paramInvalid("Param message[text] must be a non-empty UTF-8 encoded string");
    if (ig) {
      if (Buffer.byteLength(msg.text, "utf8") > 1000) throw Errors.paramInvalid("Length of param message[text] must be less than or equal to 1000 bytes");
    } else if ([...msg.text].length > 2000) {
      throw Errors.paramInvalid("Length of param message[text] must be less than or equal to 2000");
    }
    out.text = msg.text;
  }
  if (msg.metadata !== undefined && msg.metadata !== null) {
    if (typeof msg.metadata !== "string") throw Errors.paramInvalid("Param message[metadata] must be a string");
    if ([...msg.metadata].length >= 1000) throw Errors.paramInvalid("Length of param message[metadata] must be less than 1000");
    out.metadata = msg.metadata;
  }
  if (msg.quick_replies !== undefined) {
    const qr = msg.quick_replies;
    if (!Array.isArray(qr)) throw Errors.paramInvalid("Param message[quick_replies] must be an array");
    const max = sim.config.limits.maxQuickReplies;
    if (qr.length > max) throw Errors.paramInvalid(`Param message[quick_replies] must have at most ${max} items`);
    for (const q of qr) {
      if (!isObject(q)) throw Errors.paramInvalid("Param message[quick_replies] items must be objects");
      const ct = q.content_type ?? "text";
      if (!["text", "user_phone_number", "user_email", "location"].includes(String(ct))) throw Errors.paramInvalid(`Invalid quick reply content_type "${String(ct)}"`);
      if (ct === "text" && (typeof q.title !== "string" || q.title === "" || q.payload === undefined)) {
        throw Errors.paramInvalid("Quick replies of content_type text need a title and a payload");
      }
      if (typeof q.title === "string" && [...q.title].length > 20) throw Errors.paramInvalid("Param message[quick_replies][title] must be at most 20 characters");
      if (ct === "text") {
        const payload = String(q.payload);
        if ([...payload].length > 1000) throw Errors.paramInvalid("Param message[quick_replies][payload] must be at most 1000 characters");
        out.quickReplies.push({ title: String(q.title), payload });
      }
    }
  }
  if (msg.sticker_id !== undefined && msg.sticker_id !== null) {
    if (ig) throw Errors.paramInvalid("Instagram does not support message[sticker_id]");
    const id = Number(msg.sticker_id);
    if (!Number.isFinite(id)) throw Errors.paramInvalid("Param message[sticker_id] must be a number");
    out.attachments.push(sim.newAttachment("sticker", { stickerId: id, name: `sticker-${id}.png` }));
  }
  if (msg.attachment !== undefined && msg.attachment !== null) {
    const { att, templateType, reusableId } = validateAttachment(ctx, ch, msg.attachment, "message[attachment]", null);
    out.attachments.push(att);
    out.templateType = templateType;
    out.reusableAttachmentId = reusableId;
  }
  if (msg.attachments !== undefined && msg.attachments !== null) {
    const list = msg.attachments;
    const max = ig ? 10 : 30;
    if (!Array.isArray(list) || list.length === 0) throw Errors.paramInvalid("Param message[attachments] must be a non-empty array");
    if (list.length > max) throw Errors.paramInvalid(`Param message[attachments] must have at most ${max} items`);
    for (const [i, item] of list.entries()) {
      const { att } = validateAttachment(ctx, ch, item, `message[attachments][${i}]`, "image");
      out.attachments.push(att);
    }
  }
  return out;
}

function validateAttachment(
  ctx: GraphContext,
  ch: ChannelRef,
  raw: unknown,
  name: string,
  onlyType: "image" | null,
): { att: AttachmentRec; templateType: string | null; reusableId: string | null } {
  const sim = ctx.sim;
  const ig = ch.platform === "instagram";
  if (!isObject(raw)) throw Errors.paramInvalid(`Param ${name} must be a JSON object`);
  const typeRaw = String(raw.type ?? "");
  const type = typeRaw.toLowerCase();
  const allowed = onlyType ? [onlyType] : ig ? [...MEDIA_TYPES, "template", "media_share", "like_heart"] : [...MEDIA_TYPES, "template"];
  if (!allowed.includes(type)) throw Errors.paramInvalid(`Param ${name}[type] must be one of {${allowed.join(", ")}} - got "${typeRaw}"`);
  if (type === "like_heart") return { att: sim.newAttachment("like_heart", { name: "like_heart" }), templateType: null, reusableId: null };
  const payload = raw.payload;
  if (!isObject(payload)) throw Errors.paramInvalid(`Param ${name}[payload] must be a JSON object`);
  if (type === "template") {
    const tt = payload.template_type;
    if (typeof tt !== "string" || tt === "") throw Errors.paramInvalid(`Param ${name}[payload][template_type] is required`);
    if (tt === "customer_feedback") validateFeedbackTemplate(ch, payload, name);
    return { att: sim.newAttachment("template", { name: `${tt}-template`, payload, mimeType: "application/json" }), templateType: tt, reusableId: null };
  }
  if (type === "media_share") {
    if (typeof payload.id !== "string") throw Errors.paramInvalid(`Param ${name}[payload][id] is required`);
    return { att: sim.newAttachment("share", { name: `post-${payload.id}`, payload, mimeType: "application/json" }), templateType: null, reusableId: null };
  }
  const t = type as AttachmentType;
  if (payload.attachment_id !== undefined) {
    const upload = sim.world.uploads.get(String(payload.attachment_id));
    if (!upload || upload.pageId !== ch.page.id) throw Errors.attachmentIdInvalid();
    if (upload.type !== t) throw Errors.paramInvalid(`Param ${name}[type] does not match the uploaded attachment's type (${upload.type})`);
    return { att: attachmentFromUpload(ctx, upload), templateType: null, reusableId: null };
  }
  const url = payload.url;
  if (typeof url !== "string" || !/^https?:\/\/[^\s/]+/i.test(url)) throw Errors.attachmentFetchFailed();
  const att = sim.newAttachment(t, { url });
  let reusableId: string | null = null;
  if (payload.is_reusable === true || payload.is_reusable === "true") {
    const upload = createUpload(ctx, ch, { type: t, url, name: att.name, mimeType: att.mimeType, size: att.size });
    reusableId = upload.id;
  }
  return { att, templateType: null, reusableId };
}

export function createUpload(
  ctx: GraphContext,
  ch: ChannelRef,
  input: { type: AttachmentType; url?: string; name: string; mimeType: string; size: number; bytes?: Buffer },
): UploadRec {
  const sim = ctx.sim;
  const rec: UploadRec = {
    id: sim.ids.attachmentId(),
    type: input.type,
    mimeType: input.mimeType,
    name: input.name,
    size: input.size,
    pageId: ch.page.id,
    platform: ch.platform,
    createdAt: sim.now(),
  };
  if (input.url) rec.sourceUrl = input.url;
  if (input.bytes && input.bytes.length <= 5_000_000) rec.bytes = input.bytes.toString("base64");
  sim.world.uploads.set(rec.id, rec);
  sim.touch();
  return rec;
}

function attachmentFromUpload(ctx: GraphContext, upload: UploadRec): AttachmentRec {
  return ctx.sim.newAttachment(upload.type, {
    name: upload.name,
    mimeType: upload.mimeType,
    size: upload.size,
    uploadId: upload.id,
    ...(upload.sourceUrl ? { url: upload.sourceUrl } : {}),
  });
}
