// Messages the Page sends — through the Send API (graph/send.ts) or from another app such as Business Suite —
// stored in the conversation, echoed to the webhook, and (Messenger) delivered to the person's device a
// moment later.

import { ControlError } from "./control-error";
import { conversationFor, deliver, type ActionResult, type CustomerAttachmentInput } from "./customer-actions";
import { PAGE_INBOX_APP_ID } from "./datasets";
import type { ChannelRef, Simulator } from "./simulator";
import { emit, webhookAttachments } from "./webhook-payloads";
import type { AttachmentRec, ConversationRec, MessageRec } from "./world";

/** Stores a message the Page sent and emits its echo (+ delivery on Messenger). */
export function recordPageMessage(
  sim: Simulator,
  ch: ChannelRef,
  conv: ConversationRec,
  input: {
    appId: string;
    text: string | null;
    attachments: AttachmentRec[];
    metadata: string | null;
    replyTo: MessageRec["replyTo"];
    messagingType: string | null;
    tag: string | null;
    source: MessageRec["source"];
    quickReplies?: { title: string; payload: string }[];
    recipientOverride?: Record<string, unknown>;
  },
): MessageRec {
  const now = sim.now();
  const m = sim.addMessageAt(ch, conv, now, {
    fromPage: true,
    appId: input.appId,
    metadata: input.metadata,
    text: input.text,
    attachments: input.attachments,
    replyTo: input.replyTo,
    messagingType: input.messagingType,
    tag: input.tag,
    source: input.source,
    ...(input.quickReplies ? { quickReplies: input.quickReplies } : {}),
  });
  conv.pageSeenAt = Math.max(conv.pageSeenAt, now);
  sim.touch();
  const contact = sim.world.contacts.get(conv.contactId);
  const message: Record<string, unknown> = { is_echo: true };
  const includeAppId = ch.platform === "messenger" || sim.config.webhooks.instagramEchoAppId;
  if (includeAppId) message.app_id = Number(input.appId);
  if (input.metadata !== null && includeAppId) message.metadata = input.metadata;
  message.mid = m.id;
  if (m.text !== null) message.text = m.text;
  if (m.attachments.length > 0) message.attachments = webhookAttachments(sim, m);
  if (m.replyTo) message.reply_to = { mid: m.replyTo.mid, is_self_reply: m.replyTo.isSelfReply };
  const recipient = input.recipientOverride ?? { id: conv.contactId };
  // Echoes of our own sends always arrive in `messaging`; echoes of other apps' messages follow thread ownership.
  emit(sim, ch, ch.platform === "messenger" ? "message_echoes" : "messages", { sender: { id: ch.id }, recipient, timestamp: now, message }, input.appId !== sim.config.app.id);
  if (ch.platform === "messenger" && sim.config.webhooks.autoDelivery && contact) {
    sim.later(sim.config.webhooks.autoDeliveryDelayMs, () => {
      if (sim.world.conversations.get(conv.id) === conv) deliver(sim, ch, conv, contact);
    });
  }
  sim.notify({ type: "message", conversationId: conv.id, channelId: ch.id, contactId: conv.contactId, messageId: m.id });
  return m;
}

export function otherAppSend(sim: Simulator, input: { channelId: string; contactId: string; text?: string; attachments?: CustomerAttachmentInput[]; appId?: string }): ActionResult {
  const ch = sim.channelById(input.channelId);
  if (!ch) throw new ControlError(404, `no Page or Instagram account ${input.channelId}`);
  const contact = sim.world.contacts.get(input.contactId);
  if (!contact || contact.channelId !== ch.id) throw new ControlError(404, `no person ${input.contactId} on ${ch.id}`);
  const conv = conversationFor(sim, ch, contact, true) as ConversationRec;
  const appId = input.appId ?? PAGE_INBOX_APP_ID;
  if (!/^\d+$/.test(appId) || BigInt(appId) >= 2n ** 53n) throw new ControlError(400, "appId must be numeric and below 2^53");
  const atts = (input.attachments ?? []).map((a) => sim.newAttachment(a.type, { ...(a.url !== undefined ? { url: a.url } : {}), ...(a.name !== undefined ? { name: a.name } : {}) }));
  if (!input.text && atts.length === 0) throw new ControlError(400, "text or attachments required");
  const m = recordPageMessage(sim, ch, conv, {
    appId,
    text: input.text ?? null,
    attachments: atts,
    metadata: null,
    replyTo: null,
    messagingType: null,
    tag: null,
    source: "other_app",
  });
  return { channelId: ch.id, platform: ch.platform, contactId: contact.id, conversationId: conv.id, messageId: m.id, timestamp: m.createdTime };
}
