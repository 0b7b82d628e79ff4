// What a change in the world sends to the app's webhook: the messaging item, under the field the channel is
// subscribed to (Instagram accepts the Messenger names and their aliases), in `messaging` or — when another
// app owns the thread — `standby`. Batching, signing and delivery are the dispatcher's (webhooks.ts).

import type { ChannelRef, Simulator } from "./simulator";
import type { WebhookEvent, WebhookObject } from "./webhooks";
import type { MessageRec } from "./world";

export const INSTAGRAM_FIELD_ALIASES: Record<string, string[]> = {
  messages: ["messages"],
  messaging_postbacks: ["messaging_postbacks"],
  messaging_seen: ["messaging_seen", "message_reads"],
  message_reactions: ["message_reactions"],
  messaging_referral: ["messaging_referral", "messaging_referrals"],
  message_edit: ["message_edit", "message_edits"],
  standby: ["standby"],
};

export const SUBSCRIBABLE_FIELDS = [
  "messages",
  "message_echoes",
  "message_deliveries",
  "message_reads",
  "message_reactions",
  "message_edits",
  "messaging_postbacks",
  "messaging_referrals",
  "messaging_optins",
  "messaging_handovers",
  "messaging_policy_enforcement",
  "messaging_account_linking",
  "messaging_feedback",
  "response_feedback",
  "standby",
  "message_context",
  "messaging_seen",
  "messaging_referral",
  "message_edit",
  "feed",
  "comments",
  "live_comments",
  "mention",
  "conversations",
  "name",
  "picture",
] as const;

export function isSubscribed(sim: Simulator, ch: ChannelRef, field: string): boolean {
  if (!ch.ig) return ch.page.subscribedFields.includes(field);
  // Instagram comment fields are subscribed in the app dashboard (Instagram object), not per Page: they arrive
  // once the linked Page is subscribed to the app at all (README "Choices for unverified points").
  // With Instagram Login (no Page) the same holds for the account's own subscription (`/me/subscribed_apps`, any
  // field), provided the account granted the app instagram_business_manage_comments.
  if (field === "comments" || field === "live_comments") {
    return ch.ig.subscribedFields.includes(field) || ch.page.subscribedFields.length > 0 || (ch.ig.subscribedFields.length > 0 && grantedInstagramComments(sim, ch.ig.id));
  }
  const aliases = INSTAGRAM_FIELD_ALIASES[field] ?? [field];
  return aliases.some((f) => ch.ig?.subscribedFields.includes(f) || ch.page.subscribedFields.includes(f));
}

/** Whether a live Instagram User token of the account carries the comments permission. */
function grantedInstagramComments(sim: Simulator, igAccountId: string): boolean {
  const now = sim.now();
  for (const t of sim.world.tokens.values()) {
    if (t.kind === "instagram" && t.igAccountId === igAccountId && t.invalidatedAt === null && (t.expiresAt === null || t.expiresAt > now) && t.scopes.includes("instagram_business_manage_comments")) return true;
  }
  return false;
}

/**
 * Emits one messaging item. `standbyEligible`: the item would go to `standby` when another app owns the
 * thread (customer events, echoes of other apps' messages).
 */
export function emit(sim: Simulator, ch: ChannelRef, field: string, item: Record<string, unknown>, standbyEligible: boolean): void {
  const standby = standbyEligible && sim.threadOwnerOf(ch) === "other";
  const effectiveField = standby ? "standby" : field;
  if (!isSubscribed(sim, ch, effectiveField)) return;
  const object: WebhookObject = ch.platform === "messenger" ? "page" : "instagram";
  const event: WebhookEvent = { object, entryId: ch.id, field: effectiveField, placement: standby ? "standby" : "messaging", item };
  sim.webhooks.enqueue(event);
}

/** The webhook shape of attachments (customer messages and echoes). */
export function webhookAttachments(sim: Simulator, m: MessageRec): Array<Record<string, unknown>> {
  return m.attachments.map((a) => {
    if (a.type === "template" || a.type === "fallback") return { type: a.type, payload: a.payload ?? null };
    if (a.type === "like_heart") return { type: "like_heart" };
    const payload: Record<string, unknown> = { url: sim.attachmentUrl(a) };
    if (a.type === "sticker" && a.stickerId !== undefined) payload.sticker_id = a.stickerId;
    return { type: a.type, payload };
  });
}
