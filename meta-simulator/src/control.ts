// The control API under /__control/…: JSON in, JSON out. For tests, the demo and benchmarks: datasets,
// app configuration, acting as a customer or another app, time, tokens, features, faults, and the
// simulator's truth (everything Meta holds, the Send API log, the webhook delivery log).

import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { DAY, HOUR, MINUTE } from "./clock";
import { readBody, sendJson } from "./http-util";
import { ControlError, type PersistedState, type Simulator } from "./simulator";
import type { ContactRec, ConversationRec, MessageRec } from "./world";
import { customerFeedback, customerQuickReply } from "./customer-feedback";
import { addComment, createPost, editComment, postPermalink, removeComment } from "./comments";

// ── schemas ─────────────────────────────────────────────────────────────────
const id = z.string().min(1);
const newContact = z.object({ name: z.string().optional(), firstName: z.string().optional(), lastName: z.string().optional(), username: z.string().optional(), locale: z.string().optional() });
const target = { channelId: id, contactId: id.optional(), newContact: newContact.optional() };
const attachment = z.object({ type: z.enum(["image", "video", "audio", "file", "sticker"]), url: z.string().url().optional(), name: z.string().optional() });

const schemas = {
  reset: z.object({
    dataset: z.enum(["demo", "generic", "empty"]).default("demo"),
    seed: z.union([z.number(), z.string()]).optional(),
    anchor: z.union([z.number(), z.string()]).optional(),
    sizes: z
      .object({
        pages: z.number().int().min(0).optional(),
        instagramAccounts: z.number().int().min(0).optional(),
        conversations: z.number().int().min(0).optional(),
        messagesPerConversation: z.object({ min: z.number().int().min(1), max: z.number().int().min(1) }).optional(),
        attachmentRate: z.number().min(0).max(1).optional(),
        humanAgent: z.enum(["all", "none", "alternate"]).optional(),
      })
      .optional(),
  }),
  app: z.object({
    id: z.string().regex(/^\d+$/).optional(),
    secret: z.string().min(1).optional(),
    verifyToken: z.string().optional(),
    callbackUrl: z.string().url().nullable().optional(),
    requireAppsecretProof: z.boolean().optional(),
    redirectUris: z.array(z.string()).optional(),
    name: z.string().optional(),
    verify: z.boolean().optional(),
  }),
  message: z.object({ ...target, text: z.string().optional(), attachments: z.array(attachment).optional(), quickReplyPayload: z.string().optional(), replyTo: z.string().optional(), referral: z.record(z.string(), z.unknown()).optional() }),
  reaction: z.object({ ...target, mid: id, emoji: z.string().optional(), action: z.enum(["react", "unreact"]).optional() }),
  postback: z.object({ ...target, asUserRef: z.boolean().optional(), title: z.string(), payload: z.string(), referral: z.record(z.string(), z.unknown()).optional() }),
  referral: z.object({ ...target, ref: z.string().optional(), source: z.string().optional(), adId: z.string().optional(), adsContextData: z.record(z.string(), z.unknown()).optional() }),
  person: z.object({ channelId: id, contactId: id }),
  feedback: z.object({ channelId: id, contactId: id, mid: z.string().optional(), score: z.number().int(), comment: z.string().max(400).optional() }),
  quickReply: z.object({ channelId: id, contactId: id, payload: z.string().optional(), title: z.string().optional() }),
  edit: z.object({ channelId: id, contactId: id, mid: id, text: z.string().min(1) }),
  unsend: z.object({ channelId: id, contactId: id, mid: id }),
  business: z.object({ channelId: id, contactId: id, text: z.string().optional(), attachments: z.array(attachment).optional(), appId: z.string().optional() }),
  age: z.object({ hours: z.number().optional(), minutes: z.number().optional(), seconds: z.number().optional(), ms: z.number().optional(), days: z.number().optional() }),
  clock: z.object({
    advanceMs: z.number().optional(),
    advanceMinutes: z.number().optional(),
    advanceHours: z.number().optional(),
    advanceDays: z.number().optional(),
    set: z.union([z.string(), z.number()]).optional(),
    offsetMs: z.number().optional(),
    freeze: z.boolean().optional(),
  }),
  post: z.object({
    channelId: id,
    message: z.string().nullable().optional(),
    adId: z.string().nullable().optional(),
    adTitle: z.string().nullable().optional(),
    visitorContactId: id.nullable().optional(),
    mediaProductType: z.enum(["FEED", "REELS", "STORY", "LIVE"]).optional(),
    liveRunning: z.boolean().optional(),
    hoursAgo: z.number().min(0).optional(),
  }),
  comment: z.object({
    postId: id,
    contactId: id.optional(),
    newContact: z.object({ name: z.string().optional(), username: z.string().optional() }).optional(),
    parentId: id.optional(),
    text: z.string().min(1),
    hoursAgo: z.number().min(0).optional(),
  }),
  commentEdit: z.object({ commentId: id, text: z.string().min(1) }),
  commentRef: z.object({ commentId: id }),
  live: z.object({ running: z.boolean() }),
  humanAgent: z.object({ enabled: z.boolean() }),
  threadOwner: z.object({ owner: z.enum(["us", "other"]) }),
  token: z.object({ token: z.string().min(1) }),
  faults: z.object({
    seed: z.union([z.number(), z.string()]).optional(),
    graph: z
      .object({
        serverError: z.number().min(0).max(1).optional(),
        timeout: z.number().min(0).max(1).optional(),
        rateLimit: z.number().min(0).max(1).optional(),
        errorAfterSend: z.number().min(0).max(1).optional(),
        scope: z.enum(["send", "all"]).optional(),
      })
      .optional(),
    webhooks: z
      .object({
        drop: z.number().min(0).max(1).optional(),
        duplicate: z.number().min(0).max(1).optional(),
        reorder: z.number().min(0).max(1).optional(),
        reorderHoldMs: z.number().int().min(0).max(600_000).optional(),
      })
      .optional(),
    timeoutHoldMs: z.number().int().min(0).optional(),
  }),
  scripted: z.object({
    endpoint: z.enum(["send", "conversations", "message", "profile", "page", "subscribed_apps", "attachment_upload", "accounts", "oauth", "token_refresh", "other", "any"]).default("send"),
    objectId: z.string().optional(),
    effect: z.enum(["error", "timeout", "hang", "errorAfterSend", "rateLimit", "serverError"]),
    error: z
      .object({ code: z.number().int(), subcode: z.number().int().optional(), message: z.string().optional(), status: z.number().int().optional(), type: z.string().optional(), userTitle: z.string().optional(), userMsg: z.string().optional() })
      .optional(),
    times: z.number().int().min(1).default(1),
  }),
  drain: z.object({ timeoutMs: z.number().int().min(0).max(600_000).default(10_000) }),
  statePath: z.object({ path: z.string().optional() }),
};

// ── views ───────────────────────────────────────────────────────────────────
function bucketOf(sim: Simulator, conv: ConversationRec): string {
  const since = sim.sinceOpener(conv);
  if (!Number.isFinite(since)) return "never";
  if (since < DAY) return "<24h";
  if (since < 7 * DAY) return "24h-7d";
  return ">=7d";
}

function contactView(sim: Simulator, c: ContactRec) {
  return { id: c.id, platform: c.platform, channelId: c.channelId, name: sim.contactName(c), firstName: c.firstName, lastName: c.lastName, username: c.username, locale: c.locale, userRef: c.userRef, profilePic: sim.avatarUrl(c.id) };
}

function messageView(sim: Simulator, conv: ConversationRec, m: MessageRec) {
  const visible = conv.messages.filter((x) => !x.deleted);
  const rank = visible.length - 1 - visible.indexOf(m);
  return {
    id: m.id,
    conversationId: m.conversationId,
    createdTime: new Date(m.createdTime).toISOString(),
    createdTimeMs: m.createdTime,
    direction: m.fromPage ? "outbound" : "inbound",
    appId: m.appId,
    metadata: m.metadata,
    text: m.text,
    attachments: m.attachments.map((a) => ({ id: a.id, type: a.type, name: a.name, mimeType: a.mimeType, url: sim.attachmentUrl(a), sourceUrl: a.sourceUrl ?? null, payload: a.payload ?? null })),
    quickReplyPayload: m.quickReplyPayload,
    quickReplies: m.quickReplies ?? [],
    feedback: m.feedback ? { at: new Date(m.feedback.at).toISOString(), score: m.feedback.score, comment: m.feedback.comment } : null,
    replyTo: m.replyTo,
    postback: m.postback,
    referral: m.referral,
    reactions: m.reactions,
    deleted: m.deleted,
    editCount: m.editCount,
    messagingType: m.messagingType,
    tag: m.tag,
    source: m.source,
    /** Within the N most recent (Meta details only those). */
    detailed: !m.deleted && rank < sim.config.limits.messageDetailLimit,
  };
}

function conversationView(sim: Simulator, conv: ConversationRec) {
  const contact = sim.world.contacts.get(conv.contactId);
  const since = sim.sinceOpener(conv);
  const visible = conv.messages.filter((m) => !m.deleted);
  const last = visible[visible.length - 1];
  return {
    id: conv.id,
    platform: conv.platform,
    channelId: conv.channelId,
    pageId: conv.pageId,
    contact: contact ? contactView(sim, contact) : { id: conv.contactId },
    updatedTime: new Date(conv.updatedTime).toISOString(),
    updatedTimeMs: conv.updatedTime,
    lastOpenerAt: conv.lastOpenerAt === null ? null : new Date(conv.lastOpenerAt).toISOString(),
    lastOpenerAtMs: conv.lastOpenerAt,
    lastOpenerKind: conv.lastOpenerKind,
    hoursSinceOpener: Number.isFinite(since) ? Math.round((since / HOUR) * 1000) / 1000 : null,
    windowBucket: bucketOf(sim, conv),
    messageCount: visible.length,
    unreadCount: conv.messages.filter((m) => !m.fromPage && !m.deleted && m.createdTime > conv.pageSeenAt).length,
    lastMessage: last ? { id: last.id, direction: last.fromPage ? "outbound" : "inbound", text: last.text, createdTime: new Date(last.createdTime).toISOString() } : null,
  };
}

/**
 * Channels as Facebook Login reaches them (Pages and their linked IG accounts); with `instagramLogin`, also the
 * Instagram accounts without a Page (Instagram Login only: `pageId` null, no Page token).
 */
function channelsView(sim: Simulator, opts: { instagramLogin?: boolean } = {}) {
  const out: unknown[] = [];
  for (const p of sim.world.pages.values()) {
    if (p.hidden) {
      const ig = p.igAccountId ? sim.world.igAccounts.get(p.igAccountId) : undefined;
      if (ig && opts.instagramLogin) out.push({ platform: "instagram", id: ig.id, pageId: null, connection: "instagram_login", name: ig.name, username: ig.username, humanAgent: ig.humanAgent, threadOwner: ig.threadOwner, subscribedFields: ig.subscribedFields, pageSubscribedFields: [], accessToken: null, tokenValid: true, conversationCount: sim.world.sortedConversations(ig.id).length });
      continue;
    }
    const tokenValid = sim.world.tokens.get(p.accessToken)?.invalidatedAt === null;
    out.push({ platform: "messenger", id: p.id, pageId: p.id, name: p.name, username: p.username, category: p.category, humanAgent: p.humanAgent, threadOwner: p.threadOwner, subscribedFields: p.subscribedFields, accessToken: p.accessToken, tokenValid, igAccountId: p.igAccountId, conversationCount: sim.world.sortedConversations(p.id).length });
    if (p.igAccountId) {
      const ig = sim.world.igAccounts.get(p.igAccountId);
      if (ig) out.push({ platform: "instagram", id: ig.id, pageId: p.id, name: ig.name, username: ig.username, humanAgent: ig.humanAgent, threadOwner: ig.threadOwner, subscribedFields: ig.subscribedFields, pageSubscribedFields: p.subscribedFields, accessToken: p.accessToken, tokenValid, conversationCount: sim.world.sortedConversations(ig.id).length });
    }
  }
  return out;
}

function summaryView(sim: Simulator) {
  const w = sim.world;
  const buckets: Record<string, number> = { "<24h": 0, "24h-7d": 0, ">=7d": 0, never: 0 };
  let messages = 0;
  for (const c of w.conversations.values()) {
    const b = bucketOf(sim, c);
    buckets[b] = (buckets[b] ?? 0) + 1;
    messages += c.messages.length;
  }
  const { secret: _secret, ...appPublic } = sim.config.app;
  void _secret;
  return {
    url: sim.baseUrl(),
    graphBaseUrl: sim.baseUrl(),
    graphVersion: sim.config.defaultVersion,
    now: new Date(sim.now()).toISOString(),
    nowMs: sim.now(),
    clock: sim.clock.state(),
    dataset: sim.dataset,
    app: { ...appPublic, secretSet: true },
    user: { ...w.user, accessToken: sim.userToken },
    channels: channelsView(sim),
    counts: { pages: w.pages.size, instagramAccounts: w.igAccounts.size, contacts: w.contacts.size, conversations: w.conversations.size, messages },
    windowBuckets: buckets,
    webhooks: { ...sim.webhooks.queueState(), counters: sim.webhooks.counters, lastVerification: sim.webhooks.lastVerification },
    revision: sim.revision,
  };
}

// ── routing ─────────────────────────────────────────────────────────────────
type Handler = (ctx: { sim: Simulator; body: unknown; params: string[]; query: URLSearchParams; stateFile: string | null }) => Promise<unknown> | unknown;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
  doc: string;
}

const routes: Route[] = [];
function on(method: string, path: string, doc: string, handler: Handler) {
  const pattern = new RegExp("^" + path.replace(/:[a-zA-Z]+/g, "([^/]+)") + "/?$");
  routes.push({ method, pattern, handler, doc: `${method} /__control${path} — ${doc}` });
}

const parse = <T extends z.ZodType>(schema: T, body: unknown): z.infer<T> => {
  const r = schema.safeParse(body ?? {});
  if (!r.success) throw new ControlError(400, r.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; "));
  return r.data;
};

const sinceFilter = <T extends { id: number }>(list: T[], q: URLSearchParams): T[] => {
  const since = Number(q.get("since") ?? "0");
  const limit = Number(q.get("limit") ?? "1000");
  return list.filter((e) => e.id > since).slice(-limit);
};

on("GET", "", "this list", () => ({ endpoints: routes.map((r) => r.doc) }));
on("GET", "/health", "liveness", ({ sim }) => ({ ok: true, url: sim.baseUrl(), now: new Date(sim.now()).toISOString(), revision: sim.revision }));
on("GET", "/summary", "app, user token, channels with Page tokens, counts, window buckets, webhook queue", ({ sim }) => summaryView(sim));

on("POST", "/reset", "load a dataset: {dataset: demo|generic|empty, seed?, sizes?, anchor?}", ({ sim, body }) => {
  const b = parse(schemas.reset, body);
  const anchor = b.anchor === undefined ? undefined : typeof b.anchor === "number" ? b.anchor : Date.parse(b.anchor);
  const started = performance.now();
  if (b.dataset === "demo") sim.loadDataset({ name: "demo", ...(b.seed !== undefined ? { seed: b.seed } : {}) }, anchor);
  else if (b.dataset === "empty") sim.loadDataset({ name: "empty", ...(b.seed !== undefined ? { seed: b.seed } : {}), sizes: { ...(b.sizes?.pages !== undefined ? { pages: b.sizes.pages } : {}), ...(b.sizes?.instagramAccounts !== undefined ? { instagramAccounts: b.sizes.instagramAccounts } : {}) } }, anchor);
  else {
    const sizes: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(b.sizes ?? {})) if (v !== undefined) sizes[k] = v;
    sim.loadDataset({ name: "generic", ...(b.seed !== undefined ? { seed: b.seed } : {}), sizes }, anchor);
  }
  return { ...summaryView(sim), generationMs: Math.round(performance.now() - started) };
});

on("GET", "/config", "the full configuration", ({ sim }) => sim.config);
const patchConfig: Handler = ({ sim, body }) => {
  if (typeof body !== "object" || body === null) throw new ControlError(400, "body must be a JSON object (a partial configuration)");
  try {
    return sim.updateConfig(body as never);
  } catch (e) {
    throw new ControlError(400, e instanceof Error ? e.message : String(e));
  }
};
on("PATCH", "/config", "deep-merge a partial configuration (limits, webhooks, faults, app…)", patchConfig);
on("POST", "/config", "same as PATCH", patchConfig);

on("POST", "/app", "configure the app: {id?, secret?, verifyToken?, callbackUrl?, requireAppsecretProof?, redirectUris?, name?, verify?=true}; verifies the callback", async ({ sim, body }) => {
  const b = parse(schemas.app, body);
  const { verify, ...app } = b;
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(app)) if (v !== undefined) patch[k] = v;
  try {
    sim.updateConfig({ app: patch });
  } catch (e) {
    throw new ControlError(400, e instanceof Error ? e.message : String(e));
  }
  const verification = verify !== false && sim.config.app.callbackUrl ? await sim.webhooks.verify() : null;
  const { secret: _s, ...appPublic } = sim.config.app;
  void _s;
  return { app: appPublic, verification };
});
on("POST", "/webhooks/verify", "run the verification GET against the callback now", async ({ sim }) => {
  if (!sim.config.app.callbackUrl) throw new ControlError(400, "no callback URL configured");
  return sim.webhooks.verify();
});

on("GET", "/channels", "Pages and IG accounts with tokens, features and subscriptions (?include=instagram_login: also IG accounts without a Page)", ({ sim, query }) => ({
  data: channelsView(sim, { instagramLogin: query.get("include") === "instagram_login" }),
}));
on("POST", "/instagram-login-accounts", "an Instagram professional account without a Facebook Page (Instagram Login only): {username,name,humanAgent?,withConversations?,withComments?}", ({ sim, body }) => {
  const input = parse(
    z.object({ username: z.string().regex(/^[a-z0-9._]{1,30}$/), name: z.string().min(1).max(100), humanAgent: z.boolean().optional(), withConversations: z.boolean().optional(), withComments: z.boolean().optional() }),
    body,
  );
  const existing = [...sim.world.igAccounts.values()].find((ig) => ig.username === input.username);
  if (existing) return { id: existing.id, username: existing.username, created: false };
  const ig = sim.addInstagramLoginAccount(input);
  return { id: ig.id, username: ig.username, created: true };
});
on("POST", "/instagram-tokens", "an Instagram User token for an account, as if the person had logged in: {igAccountId, longLived?=true, scopes?, ageMs?}", ({ sim, body }) => {
  const input = parse(z.object({ igAccountId: z.string(), longLived: z.boolean().default(true), scopes: z.array(z.string()).optional(), ageMs: z.number().int().min(0).optional() }), body);
  if (!sim.world.igAccounts.has(input.igAccountId)) throw new ControlError(404, "unknown Instagram account");
  const rec = sim.issueInstagramToken(input.igAccountId, input.scopes ?? ["instagram_business_basic", "instagram_business_manage_messages"], input.longLived);
  if (input.ageMs) {
    rec.issuedAt -= input.ageMs;
    if (rec.expiresAt !== null) rec.expiresAt -= input.ageMs;
  }
  return { token: rec.token, issuedAt: rec.issuedAt, expiresAt: rec.expiresAt };
});
on("POST", "/channels/:id/human-agent", "grant or revoke the Human Agent feature: {enabled}", ({ sim, body, params }) => {
  const b = parse(schemas.humanAgent, body);
  const ch = sim.channelById(params[0] as string);
  if (!ch) throw new ControlError(404, `no channel ${params[0]}`);
  if (ch.ig) ch.ig.humanAgent = b.enabled;
  else ch.page.humanAgent = b.enabled;
  sim.touch();
  return { id: ch.id, platform: ch.platform, humanAgent: b.enabled };
});
on("POST", "/channels/:id/thread-owner", "who owns the threads: {owner: us|other} (other → standby)", ({ sim, body, params }) => {
  const b = parse(schemas.threadOwner, body);
  const ch = sim.channelById(params[0] as string);
  if (!ch) throw new ControlError(404, `no channel ${params[0]}`);
  if (ch.ig) ch.ig.threadOwner = b.owner;
  else ch.page.threadOwner = b.owner;
  sim.touch();
  return { id: ch.id, platform: ch.platform, threadOwner: b.owner };
});
on("POST", "/channels/:id/invalidate-token", "invalidate every token of the Page (calls answer 190/460)", ({ sim, params }) => {
  const ch = sim.channelById(params[0] as string);
  if (!ch) throw new ControlError(404, `no channel ${params[0]}`);
  const latest = ch.page.accessToken;
  const invalidatedTokens = sim.invalidatePageTokens(ch.page.id);
  return { pageId: ch.page.id, invalidatedToken: latest, invalidatedTokens };
});
on("POST", "/tokens/invalidate", "invalidate any token: {token}", ({ sim, body }) => {
  const b = parse(schemas.token, body);
  if (!sim.invalidateToken(b.token)) throw new ControlError(404, "unknown token");
  return { invalidated: true };
});

on("GET", "/contacts", "people; ?channelId=", ({ sim, query }) => {
  const channelId = query.get("channelId");
  const list = [...sim.world.contacts.values()].filter((c) => !channelId || c.channelId === channelId);
  list.sort((a, b) => (sim.world.conversationOfContact(b.id)?.updatedTime ?? 0) - (sim.world.conversationOfContact(a.id)?.updatedTime ?? 0));
  return { data: list.map((c) => ({ ...contactView(sim, c), conversationId: sim.world.conversationOfContact(c.id)?.id ?? null })) };
});
on("GET", "/conversations", "conversation summaries; ?channelId=&bucket=&offset=&limit=", ({ sim, query }) => {
  const channelId = query.get("channelId");
  const bucket = query.get("bucket");
  const offset = Number(query.get("offset") ?? "0");
  const limit = Number(query.get("limit") ?? "100");
  let list = channelId ? [...sim.world.sortedConversations(channelId)] : [...sim.world.conversations.values()].sort((a, b) => b.updatedTime - a.updatedTime);
  if (bucket) list = list.filter((c) => bucketOf(sim, c) === bucket);
  return { total: list.length, data: list.slice(offset, offset + limit).map((c) => conversationView(sim, c)) };
});
on("GET", "/conversations/:id", "one conversation with ALL its messages (incl. older than 20), oldest first", ({ sim, params }) => {
  const conv = sim.world.conversations.get(params[0] as string);
  if (!conv) throw new ControlError(404, `no conversation ${params[0]}`);
  return { ...conversationView(sim, conv), messages: conv.messages.map((m) => messageView(sim, conv, m)) };
});
on("POST", "/conversations/:id/age", "the person's last window-opening action was N ago: {hours?|minutes?|seconds?|days?|ms?} (summed)", ({ sim, body, params }) => {
  const b = parse(schemas.age, body);
  const ago = (b.days ?? 0) * DAY + (b.hours ?? 0) * HOUR + (b.minutes ?? 0) * MINUTE + (b.seconds ?? 0) * 1000 + (b.ms ?? 0);
  return conversationView(sim, sim.setConversationAge(params[0] as string, ago));
});
on("GET", "/messages/:mid", "one message (truth)", ({ sim, params }) => {
  const m = sim.world.messages.get(params[0] as string);
  if (!m) throw new ControlError(404, `no message ${params[0]}`);
  return messageView(sim, sim.world.conversations.get(m.conversationId) as ConversationRec, m);
});
on("GET", "/thread", "a person's conversation for the customer page: ?channelId=&contactId=", ({ sim, query }) => {
  const contactId = query.get("contactId") ?? "";
  const contact = sim.world.contacts.get(contactId);
  if (!contact) throw new ControlError(404, `no person ${contactId}`);
  const conv = sim.world.conversationOfContact(contactId);
  const ch = sim.channelById(contact.channelId);
  return {
    contact: contactView(sim, contact),
    channel: ch ? { id: ch.id, platform: ch.platform, name: ch.ig ? ch.ig.name : ch.page.name } : null,
    conversation: conv ? conversationView(sim, conv) : null,
    messages: conv ? conv.messages.filter((m) => !m.deleted).map((m) => messageView(sim, conv, m)) : [],
  };
});

on("GET", "/clock", "simulated time", ({ sim }) => ({ now: new Date(sim.now()).toISOString(), nowMs: sim.now(), ...sim.clock.state() }));
on("POST", "/clock", "{advanceMs?|advanceMinutes?|advanceHours?|advanceDays?, set?: ISO|ms, offsetMs?, freeze?: bool}", ({ sim, body }) => {
  const b = parse(schemas.clock, body);
  if (b.freeze === true) sim.clock.freeze();
  if (b.offsetMs !== undefined) sim.clock.set(Date.now() + b.offsetMs);
  if (b.set !== undefined) {
    const t = typeof b.set === "number" ? b.set : Date.parse(b.set);
    if (!Number.isFinite(t)) throw new ControlError(400, "set must be an ISO date or epoch ms");
    sim.clock.set(t);
  }
  const adv = (b.advanceMs ?? 0) + (b.advanceMinutes ?? 0) * MINUTE + (b.advanceHours ?? 0) * HOUR + (b.advanceDays ?? 0) * DAY;
  if (adv !== 0) sim.clock.advance(adv);
  if (b.freeze === false) sim.clock.unfreeze();
  sim.touch();
  return { now: new Date(sim.now()).toISOString(), nowMs: sim.now(), ...sim.clock.state() };
});

on("POST", "/customer/message", "the person sends a message: {channelId, contactId?|newContact:{name}, text?, attachments?, quickReplyPayload?, replyTo?, referral?}", ({ sim, body }) => sim.customerMessage(parse(schemas.message, body), parse(schemas.message, body)));
on("POST", "/customer/feedback", "the person rates a customer feedback template (Messenger): {channelId, contactId, mid?, score, comment?} → messaging_feedback webhook", ({ sim, body }) => {
  const b = parse(schemas.feedback, body);
  return customerFeedback(sim, { channelId: b.channelId, contactId: b.contactId, score: b.score, ...(b.mid !== undefined ? { mid: b.mid } : {}), ...(b.comment !== undefined ? { comment: b.comment } : {}) });
});
on("POST", "/customer/quick-reply", "the person taps a quick reply of the Page's latest message: {channelId, contactId, payload?|title?}", ({ sim, body }) => {
  const b = parse(schemas.quickReply, body);
  if (b.payload === undefined && b.title === undefined) throw new ControlError(400, "payload or title is required");
  return customerQuickReply(sim, { channelId: b.channelId, contactId: b.contactId, ...(b.payload !== undefined ? { payload: b.payload } : {}), ...(b.title !== undefined ? { title: b.title } : {}) });
});
on("POST", "/customer/reaction", "{channelId, contactId, mid, emoji?='❤️', action?=react|unreact}", ({ sim, body }) => {
  const b = parse(schemas.reaction, body);
  return sim.customerReaction(b, { mid: b.mid, ...(b.emoji !== undefined ? { emoji: b.emoji } : {}), ...(b.action !== undefined ? { action: b.action } : {}) });
});
on("POST", "/customer/postback", "{channelId, contactId?|newContact, asUserRef?, title, payload, referral?}", ({ sim, body }) => {
  const b = parse(schemas.postback, body);
  return sim.customerPostback(b, { title: b.title, payload: b.payload, ...(b.referral ? { referral: b.referral } : {}) });
});
on("POST", "/customer/referral", "{channelId, contactId?|newContact, ref?, source?=SHORTLINK|ADS, adId?, adsContextData?}", ({ sim, body }) => {
  const b = parse(schemas.referral, body);
  return sim.customerReferral(b, { ...(b.ref !== undefined ? { ref: b.ref } : {}), ...(b.source !== undefined ? { source: b.source } : {}), ...(b.adId !== undefined ? { adId: b.adId } : {}), ...(b.adsContextData ? { adsContextData: b.adsContextData } : {}) });
});
on("POST", "/customer/read", "{channelId, contactId} Messenger read watermark / Instagram messaging_seen", ({ sim, body }) => sim.customerRead(parse(schemas.person, body)));
on("POST", "/customer/delivery", "{channelId, contactId} Messenger delivery of the Page's messages", ({ sim, body }) => sim.customerDelivery(parse(schemas.person, body)));
on("POST", "/customer/edit", "{channelId, contactId, mid, text}", ({ sim, body }) => {
  const b = parse(schemas.edit, body);
  return sim.customerEdit(b, { mid: b.mid, text: b.text });
});
const unsend: Handler = ({ sim, body }) => {
  const b = parse(schemas.unsend, body);
  return sim.customerUnsend(b, { mid: b.mid });
};
on("POST", "/customer/unsend", "{channelId, contactId, mid} (Instagram webhook is_deleted; Messenger: no webhook)", unsend);
on("POST", "/customer/delete", "alias of /customer/unsend", unsend);
on("GET", "/posts", "posts and media with every comment (deleted ones flagged); ?channelId=", ({ sim, query }) => {
  const channelId = query.get("channelId");
  const posts = [...sim.world.posts.values()].filter((p) => !channelId || p.channelId === channelId).sort((a, b) => b.createdTime - a.createdTime);
  return { data: posts.map((p) => ({ ...p, permalink: postPermalink(sim, p), comments: sim.world.commentsOf(p.id) })) };
});
on("POST", "/posts", "a post / media: {channelId, message?, adId?, adTitle?, visitorContactId?, mediaProductType?, liveRunning?, hoursAgo?}", ({ sim, body }) => {
  const b = parse(schemas.post, body);
  return createPost(sim, { ...b, ...(b.hoursAgo !== undefined ? { agoMs: b.hoursAgo * HOUR } : {}) });
});
on("POST", "/posts/:id/live", "an Instagram Live broadcast starts or ends: {running}", ({ sim, body, params }) => {
  const b = parse(schemas.live, body);
  const post = sim.world.posts.get(params[0] as string);
  if (!post) throw new ControlError(404, `no post ${params[0]}`);
  post.liveRunning = b.running;
  sim.touch();
  return post;
});
on("GET", "/comments/:id", "one comment (truth)", ({ sim, params }) => {
  const c = sim.world.comments.get(params[0] as string);
  if (!c) throw new ControlError(404, `no comment ${params[0]}`);
  return c;
});
on("POST", "/customer/comment", "the person comments or replies: {postId, contactId?|newContact, parentId?, text, hoursAgo?}", ({ sim, body }) => {
  const b = parse(schemas.comment, body);
  const { hoursAgo, ...rest } = b;
  return addComment(sim, { ...rest, ...(hoursAgo !== undefined ? { agoMs: hoursAgo * HOUR } : {}) });
});
on("POST", "/customer/comment-edit", "the person edits their comment: {commentId, text} (Page feed verb edited)", ({ sim, body }) => {
  const b = parse(schemas.commentEdit, body);
  return editComment(sim, b.commentId, b.text);
});
on("POST", "/customer/comment-remove", "the person removes their comment: {commentId} (Page feed verb remove)", ({ sim, body }) => removeComment(sim, parse(schemas.commentRef, body).commentId));

on("POST", "/business/send", "a message from Business Suite / another app: {channelId, contactId, text?, attachments?, appId?=263902037430900}", ({ sim, body }) => {
  const b = parse(schemas.business, body);
  return sim.otherAppSend({ channelId: b.channelId, contactId: b.contactId, ...(b.text !== undefined ? { text: b.text } : {}), ...(b.attachments ? { attachments: b.attachments } : {}), ...(b.appId !== undefined ? { appId: b.appId } : {}) });
});

on("GET", "/faults", "fault configuration, scripted faults, counters", ({ sim }) => ({ config: sim.config.faults, scripted: sim.faults.scripted, counters: sim.faults.counters }));
on("POST", "/faults", "set fault rates: {seed?, graph?:{serverError,timeout,rateLimit,errorAfterSend,scope}, webhooks?:{drop,duplicate,reorder,reorderHoldMs}, timeoutHoldMs?}", ({ sim, body }) => {
  const b = parse(schemas.faults, body);
  const patch: Record<string, unknown> = {};
  if (b.seed !== undefined) patch.seed = b.seed;
  if (b.graph) patch.graph = Object.fromEntries(Object.entries(b.graph).filter(([, v]) => v !== undefined));
  if (b.webhooks) patch.webhooks = Object.fromEntries(Object.entries(b.webhooks).filter(([, v]) => v !== undefined));
  if (b.timeoutHoldMs !== undefined) patch.timeoutHoldMs = b.timeoutHoldMs;
  sim.updateConfig({ faults: patch });
  if (b.seed !== undefined) {
    sim.faults.reseed(b.seed);
    sim.webhooks.reseed(b.seed);
  }
  return sim.config.faults;
});
on("POST", "/faults/scripted", "one-shot faults: {endpoint?=send, objectId?, effect: error|timeout|hang|errorAfterSend|rateLimit|serverError, error?:{code,subcode?,message?,status?}, times?=1}", ({ sim, body }) => {
  const b = parse(schemas.scripted, body);
  if (b.effect === "error" && !b.error) throw new ControlError(400, "effect error needs error: {code, subcode?, message?}");
  const error = b.error
    ? Object.fromEntries(Object.entries(b.error).filter(([, v]) => v !== undefined)) as { code: number }
    : undefined;
  return sim.faults.add({ endpoint: b.endpoint, ...(b.objectId !== undefined ? { objectId: b.objectId } : {}), effect: b.effect, ...(error ? { error } : {}), times: b.times });
});
on("DELETE", "/faults", "clear scripted faults and set every rate to 0", ({ sim }) => {
  sim.faults.clear();
  sim.updateConfig({ faults: { graph: { serverError: 0, timeout: 0, rateLimit: 0, errorAfterSend: 0 }, webhooks: { drop: 0, duplicate: 0, reorder: 0 } } });
  return sim.config.faults;
});

on("GET", "/send-log", "Send API calls with full request bodies and answers; ?since=<id>&objectId=&limit=", ({ sim, query }) => {
  const objectId = query.get("objectId");
  return { data: sinceFilter(sim.sendLog, query).filter((e) => !objectId || e.objectId === objectId) };
});
on("GET", "/requests", "every Graph call (method, path, status, error code); ?since=<id>&limit=", ({ sim, query }) => ({ data: sinceFilter(sim.requestLog, query) }));
on("GET", "/webhooks/log", "webhook delivery attempts with exact bodies and signatures; ?since=<id>&outcome=&limit=", ({ sim, query }) => {
  const outcome = query.get("outcome");
  return { data: sinceFilter(sim.webhooks.log, query).filter((e) => !outcome || e.outcome === outcome), counters: sim.webhooks.counters, queue: sim.webhooks.queueState() };
});
on("POST", "/webhooks/drain", "wait until no webhook is pending, in flight or scheduled for retry: {timeoutMs?=10000}", async ({ sim, body }) => {
  const b = parse(schemas.drain, body);
  const drained = await sim.webhooks.drain(b.timeoutMs);
  return { drained, queue: sim.webhooks.queueState(), counters: sim.webhooks.counters };
});
on("DELETE", "/logs", "clear the send log, request log and webhook log", ({ sim }) => {
  sim.sendLog = [];
  sim.requestLog = [];
  sim.webhooks.clearLog();
  return { cleared: true };
});
on("GET", "/rate-limits", "token buckets per object and kind", ({ sim }) => ({ limits: sim.config.limits, buckets: sim.limiter.stats() }));

on("GET", "/state", "the full persisted state (everything Meta holds, logs)", ({ sim }) => sim.exportState());
on("POST", "/state/save", "write the state file: {path?} (default: --state-file)", async ({ sim, body, stateFile }) => {
  const b = parse(schemas.statePath, body);
  const path = b.path ?? stateFile;
  if (!path) throw new ControlError(400, "no path given and no --state-file configured");
  const bytes = await saveState(sim, path);
  return { path, bytes };
});
on("POST", "/state/load", "load a state file: {path?} or a state object", async ({ sim, body, stateFile }) => {
  if (typeof body === "object" && body !== null && (body as { format?: unknown }).format === "meta-simulator-state") {
    sim.importState(body as PersistedState);
  } else {
    const b = parse(schemas.statePath, body);
    const path = b.path ?? stateFile;
    if (!path) throw new ControlError(400, "no path given and no --state-file configured");
    if (!existsSync(path)) throw new ControlError(404, `no state file at ${path}`);
    sim.importState(JSON.parse(await readFile(path, "utf8")) as PersistedState);
  }
  return summaryView(sim);
});

export async function saveState(sim: Simulator, path: string): Promise<number> {
  const text = JSON.stringify(sim.exportState());
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path + ".tmp", text);
  const { rename } = await import("node:fs/promises");
  await rename(path + ".tmp", path);
  return Buffer.byteLength(text);
}

// ── SSE ─────────────────────────────────────────────────────────────────────
function serveEvents(sim: Simulator, req: IncomingMessage, res: ServerResponse, streams: Set<ServerResponse>): void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
  res.write(`event: hello\ndata: ${JSON.stringify({ now: sim.now() })}\n\n`);
  const unsubscribe = sim.subscribe((e) => {
    res.write(`data: ${JSON.stringify(e)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(`: ping\n\n`), 15_000);
  streams.add(res);
  const done = () => {
    clearInterval(heartbeat);
    unsubscribe();
    streams.delete(res);
  };
  req.on("close", done);
  res.on("close", done);
}

export async function handleControl(sim: Simulator, req: IncomingMessage, res: ServerResponse, url: URL, opts: { stateFile: string | null; streams: Set<ServerResponse> }): Promise<void> {
  const sub = url.pathname.slice("/__control".length).replace(/\/+$/, "");
  const method = (req.method ?? "GET").toUpperCase();
  if (method === "GET" && sub === "/events") return serveEvents(sim, req, res, opts.streams);
  if (method === "OPTIONS") {
    res.writeHead(204, { "access-control-allow-origin": "*", "access-control-allow-methods": "GET,POST,PATCH,DELETE", "access-control-allow-headers": "content-type" });
    res.end();
    return;
  }
  let body: unknown = undefined;
  if (method !== "GET") {
    const raw = await readBody(req);
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        return sendJson(res, 400, { error: { message: "body must be JSON", status: 400 } });
      }
    }
  }
  const candidates = routes.filter((r) => r.pattern.test(sub));
  const route = candidates.find((r) => r.method === method);
  if (!route) {
    if (candidates.length > 0) return sendJson(res, 405, { error: { message: `method ${method} not allowed; use ${candidates.map((r) => r.method).join(", ")}`, status: 405 } });
    return sendJson(res, 404, { error: { message: `no control endpoint ${method} /__control${sub}; GET /__control lists them`, status: 404 } });
  }
  const params = (route.pattern.exec(sub) ?? []).slice(1).map((p) => decodeURIComponent(p));
  try {
    const result = await route.handler({ sim, body, params, query: url.searchParams, stateFile: opts.stateFile });
    sendJson(res, 200, result, { "access-control-allow-origin": "*" });
  } catch (e) {
    if (e instanceof ControlError) return sendJson(res, e.status, { error: { message: e.message, status: e.status } });
    sim.log(`control ${method} ${sub} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    sendJson(res, 500, { error: { message: e instanceof Error ? e.message : String(e), status: 500 } });
  }
}
