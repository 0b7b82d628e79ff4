// `GET /{page-id}/conversations` and `GET /{ig-id}/conversations`: a channel's threads, newest first, with
// Meta's keyset paging, the `user_id` lookup and field expansion.

import { Errors } from "../errors";
import { checkKnown } from "../fields";
import type { ChannelRef } from "../simulator";
import type { ConversationRec, PageRec } from "../world";
import { limitConversations, type FaultGate } from "./charge";
import { encodeCursor, keysetPage, type GraphContext } from "./context";
import { CONVERSATION_FIELDS, conversationKey, conversationPosition, renderConversation } from "./render";

/**
 * `via`: the object in the path — the Page (`/{page-id}/conversations`, `/me/conversations`) or its IG account
 * (`/{ig-id}/conversations`). Without `platform` a Page lists its Messenger conversations, as Graph's reference
 * and the "Try it" walkthrough show; its Instagram ones need `platform=instagram`. The IG account's path
 * implies Instagram; `platform=messenger` there finds nothing (see README, choices).
 */
export function listConversations(ctx: GraphContext, gate: FaultGate, page: PageRec, via: "page" | "instagram"): Record<string, unknown> {
  const sim = ctx.sim;
  const requested = platformParam(ctx);
  const platform = requested ?? (via === "instagram" ? "instagram" : "messenger");
  const channelId = platform === "instagram" ? page.igAccountId : via === "page" ? page.id : null;
  if (channelId) ctx.requireConversationScopes(sim.channelById(channelId) as ChannelRef);
  const fields = ctx.fields();
  if (fields) checkKnown(fields, CONVERSATION_FIELDS, "UnifiedThread");
  if (!channelId) {
    // A Page without a linked Instagram account has no Instagram conversations; an IG account no Messenger ones.
    if (via === "instagram") ctx.limit(page.igAccountId as string, "conversations", "instagram");
    else ctx.limit(page.id, "conversations", "messenger");
    return { data: [] };
  }
  const ch = sim.channelById(channelId) as ChannelRef;
  limitConversations(ctx, gate, ch);
  const limits = sim.config.limits;

  const userId = ctx.str("user_id");
  if (userId !== undefined && userId !== "") {
    const c = sim.world.contacts.get(userId);
    const conv = c && c.channelId === ch.id ? sim.world.conversationOfContact(c.id) : undefined;
    return { data: conv && conv.messages.length > 0 ? [renderConversation(ctx, conv, fields ?? [{ name: "id", modifiers: {} }])] : [] };
  }

  const all = sim.world.sortedConversations(ch.id);
  const hiddenRequests = ctx.surface === "instagram" ? inactiveRequestsFilter(sim.now()) : null;
  const list = all.some((c) => c.messages.length === 0) || hiddenRequests ? all.filter((c) => c.messages.length > 0 && (!hiddenRequests || hiddenRequests(c))) : all;
  const limit = ctx.limitParam(limits.defaultConversationsPageSize, limits.maxConversationsPageSize);
  const slice = keysetPage(list, limit, ctx.str("after"), ctx.str("before"), (key, inclusive) => conversationPosition(list, key, inclusive), limits.maxCursorDepth);
  const data = slice.items.map((c) => renderConversation(ctx, c, fields));
  const out: Record<string, unknown> = { data };
  if (slice.items.length > 0) {
    const first = slice.items[0] as ConversationRec;
    const last = slice.items[slice.items.length - 1] as ConversationRec;
    const carried = ctx.carriedParams();
    const path = via === "instagram" ? `${ch.id}/conversations` : `${page.id}/conversations`;
    const paging: Record<string, unknown> = { cursors: { before: encodeCursor(conversationKey(first)), after: encodeCursor(conversationKey(last)) } };
    if (slice.hasNext) paging.next = ctx.link(path, { ...carried, limit: String(limit), after: encodeCursor(conversationKey(last)) });
    if (slice.hasPrevious) paging.previous = ctx.link(path, { ...carried, limit: String(limit), before: encodeCursor(conversationKey(first)) });
    out.paging = paging;
  }
  return out;
}

/** `platform` (any case), or null when absent or empty. */
function platformParam(ctx: GraphContext): "messenger" | "instagram" | null {
  const p = ctx.str("platform");
  if (p === undefined || p === "") return null;
  const lower = p.toLowerCase();
  if (lower !== "messenger" && lower !== "instagram") throw Errors.paramInvalid(`Param platform must be one of {MESSENGER, INSTAGRAM} - got "${p}"`);
  return lower;
}

/** Instagram's Requests folder: threads the business never answered. Meta does not list them after 30 days without activity. */
export const REQUESTS_FOLDER_INACTIVE_MS = 30 * 86_400_000;

function inactiveRequestsFilter(now: number): (c: ConversationRec) => boolean {
  return (c) => c.messages.some((m) => m.fromPage) || now - c.updatedTime < REQUESTS_FOLDER_INACTIVE_MS;
}
