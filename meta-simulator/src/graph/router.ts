// Graph API dispatch: version prefix, auth, object routing, fault injection, usage headers, logs.
// Shared by the HTTP server and by batch items.

import { Errors, GraphError } from "../errors";
import { checkKnown } from "../fields";
import { metaStringify } from "../meta-json";
import type { EndpointKind } from "../faults";
import { SUBSCRIBABLE_FIELDS, type ChannelRef } from "../simulator";
import type { ConversationRec, PageRec } from "../world";
import { USER_TOKEN_TTL_MS } from "../datasets";
import { GraphContext, encodeCursor, keysetPage, type GraphRequest, type GraphResponse } from "./context";
import {
  CONVERSATION_FIELDS,
  conversationKey,
  conversationPosition,
  isDetailed,
  messageList,
  renderContact,
  renderConversation,
  renderIg,
  renderMessage,
  renderPage,
  renderUser,
} from "./render";
import { createUpload, handleSend } from "./send";

export const VERSION_RE = /^v\d+\.\d+$/;

/** Splits "/v24.0/me/messages" into version and path. */
export function splitVersion(pathname: string): { version: string | null; path: string } {
  const parts = pathname.split("/").filter((p) => p !== "");
  if (parts[0] && VERSION_RE.test(parts[0])) return { version: parts[0], path: "/" + parts.slice(1).join("/") };
  return { version: null, path: "/" + parts.join("/") };
}

interface Routed {
  body: unknown;
  status?: number;
  kind: EndpointKind;
  objectId: string | null;
  send?: { objectId: string; platform: "messenger" | "instagram"; messageId: string | null };
}

/** Post-processing fault effects requested by a handler (timeout, error after a successful send). */
type PendingEffect = "timeout" | "errorAfterSend" | null;

class FaultGate {
  effect: PendingEffect = null;
  label: string | null = null;
}

/** A "hang" fault: the call stops here, nothing is performed, and no answer ever comes. */
class NoAnswer extends Error {}

export async function handleGraph(sim: GraphContext["sim"], req: GraphRequest): Promise<GraphResponse> {
  const ctx = new GraphContext(sim, req);
  const gate = new FaultGate();
  const started = performance.now();
  sim.appUsage.record();
  const trace = sim.fbtraceId();
  let status = 200;
  let body: unknown;
  let objectId: string | null = null;
  let sendInfo: Routed["send"] | undefined;
  let error: GraphError | null = null;
  const previousBase = sim.requestBaseUrl;
  if (req.baseUrl) sim.requestBaseUrl = req.baseUrl;
  try {
    const routed = await route(ctx, gate);
    objectId = routed.objectId;
    sendInfo = routed.send;
    body = routed.body;
    status = routed.status ?? 200;
    if (gate.effect === "errorAfterSend") throw Errors.unknownError(1357046);
  } catch (e) {
    if (e instanceof NoAnswer) {
      status = 0;
      body = null;
    } else if (!(e instanceof GraphError)) {
      sim.log(`graph handler crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      error = Errors.unknownError();
    } else error = e;
    if (error) {
      status = error.status;
      body = error.body(trace);
    }
  } finally {
    sim.requestBaseUrl = previousBase;
  }
  const headers: Record<string, string> = {
    "content-type": "application/json; charset=UTF-8",
    "facebook-api-version": ctx.version,
    "x-fb-trace-id": trace,
    "x-fb-rev": "1020304050",
    "access-control-allow-origin": "*",
    ...ctx.usageHeaders(),
  };
  if (error && error.type === "OAuthException" && (error.code === 190 || error.code === 104 || error.code === 102)) {
    headers["www-authenticate"] = `OAuth "Facebook Platform" "invalid_token" "${error.message.replace(/"/g, "'")}"`;
  }
  sim.recordRequest({
    via: req.via,
    method: req.method,
    path: (req.version ? `/${req.version}` : "") + req.path,
    status,
    errorCode: error?.code ?? null,
    errorSubcode: error?.subcode ?? null,
    objectId,
    durationMs: Math.round((performance.now() - started) * 100) / 100,
  });
  const isSend = req.method === "POST" && /\/messages$/.test(req.path);
  if (isSend) {
    sim.recordSend({
      via: req.via,
      method: req.method,
      path: req.path,
      objectId: sendInfo?.objectId ?? objectId,
      platform: sendInfo?.platform ?? null,
      request: safeParams(ctx),
      status,
      response: body,
      errorCode: error?.code ?? null,
      errorSubcode: error?.subcode ?? null,
      messageId: sendInfo?.messageId ?? null,
      fault: gate.label,
    });
  }
  return { status, body, headers, ...(gate.effect === "timeout" ? { hang: true } : {}) };
}

function safeParams(ctx: GraphContext): Record<string, unknown> {
  try {
    return ctx.allParams();
  } catch {
    return { ...ctx.req.query, ...ctx.req.body };
  }
}

/** Applies scripted/rate faults for an endpoint once its object is known. */
function applyFault(ctx: GraphContext, gate: FaultGate, kind: EndpointKind, objectId: string | null, rateLimitError: () => GraphError): void {
  const d = ctx.sim.faults.decide(kind, objectId);
  if (!d) return;
  gate.label = d.scripted ? `scripted:${d.effect}` : d.effect;
  switch (d.effect) {
    case "serverError":
      throw Errors.serviceUnavailable();
    case "rateLimit":
      throw rateLimitError();
    case "error": {
      const e = d.scripted?.error ?? { code: 1 };
      throw new GraphError({
        code: e.code,
        ...(e.subcode !== undefined ? { subcode: e.subcode } : {}),
        message: e.message ?? `(#${e.code}) Simulated error`,
        ...(e.type !== undefined ? { type: e.type } : {}),
        ...(e.status !== undefined ? { status: e.status } : {}),
        ...(e.userTitle !== undefined ? { userTitle: e.userTitle } : {}),
        ...(e.userMsg !== undefined ? { userMsg: e.userMsg } : {}),
      });
    }
    case "timeout":
      gate.effect = "timeout";
      return;
    case "hang":
      gate.effect = "timeout";
      throw new NoAnswer();
    case "errorAfterSend":
      gate.effect = kind === "send" ? "errorAfterSend" : null;
      return;
  }
}

async function route(ctx: GraphContext, gate: FaultGate): Promise<Routed> {
  const sim = ctx.sim;
  const req = ctx.req;
  const method = req.method.toUpperCase();
  let segs = req.path.split("/").filter((s) => s !== "").map((s) => decodeURIComponent(s));

  if (segs.length === 0) {
    if (method === "POST") return { body: await handleBatch(ctx), kind: "other", objectId: null };
    throw Errors.unknownPath("/");
  }
  if (segs[0] === "oauth" && segs[1] === "access_token" && segs.length === 2) return { body: oauthAccessToken(ctx), kind: "oauth", objectId: null };
  if (segs[0] === "debug_token" && segs.length === 1) return { body: debugToken(ctx), kind: "other", objectId: null };

  const token = ctx.authenticate();
  if (segs[0] === "me") {
    segs = [token.kind === "page" ? (token.pageId as string) : token.userId, ...segs.slice(1)];
  }
  const id = segs[0] as string;
  const edge = segs[1];
  if (segs.length > 2) throw Errors.unknownPath("/" + segs.slice(2).join("/"));
  const kindOfId = sim.world.kindOf(id);

  // ── the simulated user ──
  if (kindOfId === "user") {
    if (token.kind !== "user") throw Errors.unsupportedRequest(method, id);
    if (edge === undefined && method === "GET") return { body: renderUser(ctx, ctx.fields()), kind: "other", objectId: id };
    if (edge === "accounts" && method === "GET") return { body: accounts(ctx), kind: "accounts", objectId: id };
    if (edge === "permissions" && method === "GET") return { body: { data: token.scopes.map((p) => ({ permission: p, status: "granted" })) }, kind: "other", objectId: id };
    if (edge === undefined) throw Errors.unsupportedRequest(method, id);
    throw Errors.nonexistingField(edge, "User");
  }

  // ── Pages ──
  if (kindOfId === "page") {
    const page = sim.world.pages.get(id) as PageRec;
    const ch = sim.channelById(page.id) as ChannelRef;
    if (!ctx.canAccessPage(page)) throw Errors.unsupportedRequest(method, id);
    if (edge === undefined) {
      if (method !== "GET") throw Errors.unsupportedRequest(method, id);
      limitPages(ctx, page.id);
      applyFault(ctx, gate, "page", page.id, () => Errors.pagesRateLimit());
      return { body: renderPage(ctx, page, ctx.fields(), { withToken: true }), kind: "page", objectId: page.id };
    }
    if (edge === "conversations" && method === "GET") {
      ctx.requireChannelAccess(ch, method, id);
      return { body: listConversations(ctx, gate, page, null), kind: "conversations", objectId: page.id };
    }
    if (edge === "messages" && method === "POST") return send(ctx, gate, id);
    if (edge === "subscribed_apps") {
      ctx.requireChannelAccess(ch, method, id);
      ctx.requireScopes(["pages_manage_metadata"]);
      limitPages(ctx, page.id);
      applyFault(ctx, gate, "subscribed_apps", page.id, () => Errors.pagesRateLimit());
      return { body: subscribedApps(ctx, ch, page.subscribedFields, (f) => (page.subscribedFields = f)), kind: "subscribed_apps", objectId: page.id };
    }
    if (edge === "message_attachments" && method === "POST") {
      ctx.requireChannelAccess(ch, method, id);
      limitPages(ctx, page.id);
      applyFault(ctx, gate, "attachment_upload", page.id, () => Errors.pagesRateLimit());
      return { body: uploadAttachment(ctx, page), kind: "attachment_upload", objectId: page.id };
    }
    if (method === "GET") throw Errors.nonexistingField(edge, "Page");
    throw Errors.unsupportedRequest(method, id);
  }

  // ── Instagram accounts ──
  if (kindOfId === "ig") {
    const ch = sim.channelById(id) as ChannelRef;
    const ig = ch.ig!;
    if (!ctx.canAccessPage(ch.page)) throw Errors.unsupportedRequest(method, id);
    if (edge === undefined) {
      if (method !== "GET") throw Errors.unsupportedRequest(method, id);
      limitPages(ctx, ch.page.id);
      return { body: renderIg(ctx, ig, ctx.fields()), kind: "page", objectId: ig.id };
    }
    if (edge === "conversations" && method === "GET") {
      ctx.requireChannelAccess(ch, method, id);
      return { body: listConversations(ctx, gate, ch.page, "instagram"), kind: "conversations", objectId: ig.id };
    }
    if (edge === "messages" && method === "POST") return send(ctx, gate, id);
    if (edge === "subscribed_apps") {
      ctx.requireChannelAccess(ch, method, id);
      ctx.requireScopes(["pages_manage_metadata"]);
      limitPages(ctx, ch.page.id);
      return { body: subscribedApps(ctx, ch, ig.subscribedFields, (f) => (ig.subscribedFields = f)), kind: "subscribed_apps", objectId: ig.id };
    }
    if (method === "GET") throw Errors.nonexistingField(edge, "IGUser");
    throw Errors.unsupportedRequest(method, id);
  }

  // ── people ──
  if (kindOfId === "contact") {
    const c = sim.world.contacts.get(id)!;
    const ch = sim.channelById(c.channelId) as ChannelRef;
    if (method !== "GET" || edge !== undefined) throw edge && method === "GET" ? Errors.nonexistingField(edge, "User") : Errors.unsupportedRequest(method, id);
    ctx.requireChannelAccess(ch, method, id);
    ctx.requireScopes([ch.platform === "instagram" ? "instagram_manage_messages" : "pages_messaging"]);
    limitPages(ctx, ch.page.id);
    applyFault(ctx, gate, "profile", ch.id, () => Errors.pagesRateLimit());
    return { body: renderContact(ctx, c, ctx.fields()), kind: "profile", objectId: ch.id };
  }

  // ── conversations ──
  if (kindOfId === "conversation") {
    const conv = sim.world.conversations.get(id)!;
    const ch = sim.channelOfConversation(conv);
    if (method !== "GET") throw Errors.unsupportedRequest(method, id);
    ctx.requireChannelAccess(ch, method, id);
    ctx.requireConversationScopes(ch);
    limitConversations(ctx, gate, ch);
    if (edge === undefined) return { body: renderConversation(ctx, conv, ctx.fields()), kind: "conversations", objectId: ch.id };
    if (edge === "messages") {
      const limits = sim.config.limits;
      return {
        body: messageList(ctx, conv, {
          limit: ctx.limitParam(limits.defaultMessagesPageSize, limits.maxMessagesPageSize),
          after: ctx.str("after"),
          before: ctx.str("before"),
          children: ctx.fields(),
        }),
        kind: "conversations",
        objectId: ch.id,
      };
    }
    throw Errors.nonexistingField(edge, "UnifiedThread");
  }

  // ── messages ──
  if (kindOfId === "message") {
    const m = sim.world.messages.get(id)!;
    const conv = sim.world.conversations.get(m.conversationId) as ConversationRec;
    const ch = sim.channelOfConversation(conv);
    if (method !== "GET") throw Errors.unsupportedRequest(method, id);
    if (edge !== undefined) throw Errors.nonexistingField(edge, "Message");
    ctx.requireChannelAccess(ch, method, id);
    ctx.requireConversationScopes(ch);
    limitConversations(ctx, gate, ch, "message");
    if (m.deleted || !isDetailed(ctx, conv, m)) throw Errors.messageTooOld();
    return { body: renderMessage(ctx, conv, m, ctx.fields(), true), kind: "message", objectId: ch.id };
  }

  throw Errors.unsupportedRequest(method, id);
}

function limitPages(ctx: GraphContext, pageId: string): void {
  ctx.limit(pageId, "pages", "pages");
}

function limitConversations(ctx: GraphContext, gate: FaultGate, ch: ChannelRef, kind: EndpointKind = "conversations"): void {
  ctx.limit(ch.id, "conversations", ch.platform === "instagram" ? "instagram" : "messenger");
  applyFault(ctx, gate, kind, ch.id, () => Errors.conversationsRateLimit());
}

function send(ctx: GraphContext, gate: FaultGate, objectId: string): Routed {
  // Faults are decided after the channel and bucket are known, inside a wrapper around handleSend.
  const result = handleSend(ctx, objectId, (ch) =>
    applyFault(ctx, gate, "send", ch.id, () => (ch.platform === "instagram" ? Errors.instagramRateLimit() : Errors.messengerRateLimit())),
  );
  return { body: result.body, kind: "send", objectId: result.objectId, send: { objectId: result.objectId, platform: result.platform, messageId: result.messageId } };
}

// ── /conversations ──────────────────────────────────────────────────────────
function listConversations(ctx: GraphContext, gate: FaultGate, page: PageRec, forced: "instagram" | null): Record<string, unknown> {
  const sim = ctx.sim;
  let platform = forced;
  if (!platform) {
    const p = ctx.str("platform");
    if (p === undefined || p === "") throw Errors.paramRequired("platform");
    const lower = p.toLowerCase();
    if (lower !== "messenger" && lower !== "instagram") throw Errors.paramInvalid(`Param platform must be one of {MESSENGER, INSTAGRAM} - got "${p}"`);
    platform = lower === "instagram" ? "instagram" : null;
  }
  const channelId = platform === "instagram" ? page.igAccountId : page.id;
  if (channelId) ctx.requireConversationScopes(sim.channelById(channelId) as ChannelRef);
  const fields = ctx.fields();
  if (fields) checkKnown(fields, CONVERSATION_FIELDS, "UnifiedThread");
  if (!channelId) {
    // A Page without a linked Instagram account has no Instagram conversations.
    ctx.limit(page.id, "conversations", "messenger");
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
  const list = all.some((c) => c.messages.length === 0) ? all.filter((c) => c.messages.length > 0) : all;
  const limit = ctx.limitParam(limits.defaultConversationsPageSize, limits.maxConversationsPageSize);
  const slice = keysetPage(list, limit, ctx.str("after"), ctx.str("before"), (key, inclusive) => conversationPosition(list, key, inclusive), limits.maxCursorDepth);
  const data = slice.items.map((c) => renderConversation(ctx, c, fields));
  const out: Record<string, unknown> = { data };
  if (slice.items.length > 0) {
    const first = slice.items[0] as ConversationRec;
    const last = slice.items[slice.items.length - 1] as ConversationRec;
    const carried = ctx.carriedParams();
    const path = forced ? `${ch.id}/conversations` : `${page.id}/conversations`;
    const paging: Record<string, unknown> = { cursors: { before: encodeCursor(conversationKey(first)), after: encodeCursor(conversationKey(last)) } };
    if (slice.hasNext) paging.next = ctx.link(path, { ...carried, limit: String(limit), after: encodeCursor(conversationKey(last)) });
    if (slice.hasPrevious) paging.previous = ctx.link(path, { ...carried, limit: String(limit), before: encodeCursor(conversationKey(first)) });
    out.paging = paging;
  }
  return out;
}

// ── /me/accounts ────────────────────────────────────────────────────────────
function accounts(ctx: GraphContext): Record<string, unknown> {
  const sim = ctx.sim;
  const token = ctx.authenticate();
  // Without pages_show_list Meta lists no Pages.
  const pages = token.scopes.includes("pages_show_list") ? [...sim.world.pages.values()].filter((p) => token.grantedPageIds === null || token.grantedPageIds.includes(p.id)) : [];
  const fields = ctx.fields() ?? ["access_token", "category", "category_list", "name", "id", "tasks"].map((name) => ({ name, modifiers: {} }));
  const limit = ctx.limitParam(25, 100);
  const slice = keysetPage(pages, limit, ctx.str("after"), ctx.str("before"), (key, inclusive) => {
    const i = pages.findIndex((p) => p.id === key);
    return i < 0 ? pages.length : inclusive ? i : i + 1;
  }, null);
  const out: Record<string, unknown> = { data: slice.items.map((p) => renderPage(ctx, p, fields, { withToken: true })) };
  if (slice.items.length > 0) {
    const first = slice.items[0] as PageRec;
    const last = slice.items[slice.items.length - 1] as PageRec;
    const paging: Record<string, unknown> = { cursors: { before: encodeCursor(first.id), after: encodeCursor(last.id) } };
    const carried = ctx.carriedParams();
    if (slice.hasNext) paging.next = ctx.link(`${token.userId}/accounts`, { ...carried, limit: String(limit), after: encodeCursor(last.id) });
    if (slice.hasPrevious) paging.previous = ctx.link(`${token.userId}/accounts`, { ...carried, limit: String(limit), before: encodeCursor(first.id) });
    out.paging = paging;
  }
  return out;
}

// ── subscribed_apps ─────────────────────────────────────────────────────────
function subscribedApps(ctx: GraphContext, ch: ChannelRef, current: string[], set: (fields: string[]) => void): unknown {
  const sim = ctx.sim;
  const method = ctx.req.method.toUpperCase();
  if (method === "GET") {
    if (current.length === 0) return { data: [] };
    return { data: [{ category: "Business", link: `https://www.facebook.com/apps/${sim.config.app.id}`, name: sim.config.app.name, id: sim.config.app.id, subscribed_fields: current }] };
  }
  if (method === "DELETE") {
    set([]);
    sim.touch();
    return { success: true };
  }
  if (method !== "POST") throw Errors.unsupportedRequest(method, ch.id);
  const raw = ctx.json("subscribed_fields");
  if (raw === undefined || raw === null || raw === "") throw Errors.paramRequired("subscribed_fields");
  const list = (Array.isArray(raw) ? raw.map(String) : String(raw).split(",")).map((s) => s.trim()).filter((s) => s !== "");
  if (list.length === 0) throw Errors.paramRequired("subscribed_fields");
  list.forEach((f, i) => {
    if (!(SUBSCRIBABLE_FIELDS as readonly string[]).includes(f)) {
      throw Errors.paramInvalid(`Param subscribed_fields[${i}] must be one of {${SUBSCRIBABLE_FIELDS.join(", ")}} - got "${f}"`);
    }
  });
  set([...new Set(list)]);
  sim.touch();
  if (sim.config.app.callbackUrl && sim.config.webhooks.verifyOnSubscribe) {
    void sim.webhooks.verify().then((r) => {
      if (r && !r.ok) sim.log(`webhook verification for ${ch.id} failed: ${r.error ?? "unknown"}`);
    });
  }
  return { success: true };
}

// ── message_attachments ─────────────────────────────────────────────────────
function uploadAttachment(ctx: GraphContext, page: PageRec): Record<string, unknown> {
  const sim = ctx.sim;
  const platformParam = (ctx.str("platform") ?? "messenger").toLowerCase();
  const chId = platformParam === "instagram" ? page.igAccountId : page.id;
  if (!chId) throw Errors.paramInvalid("This Page has no linked Instagram account");
  const ch = sim.channelById(chId) as ChannelRef;
  const message = ctx.json("message");
  const att = typeof message === "object" && message !== null ? (message as Record<string, unknown>).attachment : undefined;
  if (typeof att !== "object" || att === null) throw Errors.paramRequired("message[attachment]");
  const a = att as Record<string, unknown>;
  const type = String(a.type ?? "").toLowerCase();
  if (!["image", "video", "audio", "file"].includes(type)) throw Errors.paramInvalid(`Param message[attachment][type] must be one of {image, video, audio, file} - got "${String(a.type)}"`);
  const payload = (typeof a.payload === "object" && a.payload !== null ? a.payload : {}) as Record<string, unknown>;
  const file = ctx.req.files.find((f) => f.field === "filedata");
  if (!file && typeof payload.url !== "string") throw Errors.paramInvalid("Provide message[attachment][payload][url] or a filedata upload");
  if (typeof payload.url === "string" && !/^https?:\/\//i.test(payload.url)) throw Errors.attachmentFetchFailed();
  const att0 = sim.newAttachment(type as "image", typeof payload.url === "string" ? { url: payload.url } : { name: file?.filename ?? "upload" });
  const upload = createUpload(ctx, ch, {
    type: type as "image",
    name: file?.filename || att0.name,
    mimeType: file?.contentType || att0.mimeType,
    size: file ? file.data.length : att0.size,
    ...(typeof payload.url === "string" ? { url: payload.url } : {}),
    ...(file ? { bytes: file.data } : {}),
  });
  return { attachment_id: upload.id };
}

// ── OAuth token exchange, debug_token ───────────────────────────────────────
function oauthAccessToken(ctx: GraphContext): Record<string, unknown> {
  const sim = ctx.sim;
  const app = sim.config.app;
  const clientId = ctx.str("client_id");
  if (!clientId || clientId !== app.id) throw Errors.invalidClientId();
  if (ctx.str("client_secret") !== app.secret) throw Errors.invalidClientSecret();
  if (ctx.str("grant_type") === "fb_exchange_token") {
    const old = ctx.str("fb_exchange_token");
    if (!old) throw Errors.paramRequired("fb_exchange_token");
    const rec = sim.resolveToken(old);
    if (rec.kind !== "user") throw Errors.paramInvalid("fb_exchange_token must be a user access token");
    const fresh = sim.issueUserToken(rec.scopes, rec.grantedPageIds, USER_TOKEN_TTL_MS);
    return { access_token: fresh.token, token_type: "bearer", expires_in: Math.round(USER_TOKEN_TTL_MS / 1000) };
  }
  const code = ctx.str("code");
  if (!code) throw Errors.paramRequired("code");
  const rec = sim.oauthCodes.get(code);
  if (!rec) throw Errors.codeInvalid();
  if (rec.used) throw Errors.codeUsed();
  if (sim.now() - rec.createdAt > 10 * 60_000) throw Errors.codeExpired();
  if ((ctx.str("redirect_uri") ?? "") !== rec.redirectUri) throw Errors.codeRedirectMismatch();
  rec.used = true;
  const token = sim.issueUserToken(rec.scopes, rec.pageIds, USER_TOKEN_TTL_MS);
  return { access_token: token.token, token_type: "bearer", expires_in: Math.round(USER_TOKEN_TTL_MS / 1000) };
}

function debugToken(ctx: GraphContext): Record<string, unknown> {
  const sim = ctx.sim;
  const access = ctx.str("access_token") ?? "";
  const app = sim.config.app;
  if (access !== `${app.id}|${app.secret}`) ctx.authenticate();
  const input = ctx.str("input_token");
  if (!input) throw Errors.paramRequired("input_token");
  const rec = sim.world.tokens.get(input);
  if (!rec) return { data: { is_valid: false, error: { code: 190, message: "Invalid OAuth access token - Cannot parse access token" } } };
  let valid = true;
  let err: Record<string, unknown> | undefined;
  try {
    sim.resolveToken(input);
  } catch (e) {
    valid = false;
    if (e instanceof GraphError) err = { code: e.code, ...(e.subcode !== undefined ? { subcode: e.subcode } : {}), message: e.message };
  }
  const data: Record<string, unknown> = {
    app_id: app.id,
    type: rec.kind === "page" ? "PAGE" : "USER",
    application: app.name,
    data_access_expires_at: Math.floor((rec.issuedAt + 90 * 86_400_000) / 1000),
    expires_at: rec.expiresAt === null ? 0 : Math.floor(rec.expiresAt / 1000),
    is_valid: valid,
    issued_at: Math.floor(rec.issuedAt / 1000),
    scopes: rec.scopes,
    user_id: rec.userId,
  };
  if (rec.pageId) data.profile_id = rec.pageId;
  if (err) data.error = err;
  return { data };
}

// ── batch ───────────────────────────────────────────────────────────────────
async function handleBatch(ctx: GraphContext): Promise<unknown[]> {
  const sim = ctx.sim;
  ctx.authenticate();
  const raw = ctx.json("batch");
  if (raw === undefined || raw === null || raw === "") throw Errors.paramRequired("batch");
  if (!Array.isArray(raw)) throw Errors.paramInvalid("Param batch must be a JSON array");
  if (raw.length > sim.config.limits.maxBatchSize) throw Errors.batchTooLarge(sim.config.limits.maxBatchSize);
  const includeHeaders = (ctx.str("include_headers") ?? "true") !== "false";
  const topToken = ctx.tokenString as string;
  const results: unknown[] = [];
  for (const [i, item] of raw.entries()) {
    if (typeof item !== "object" || item === null) {
      throw Errors.paramInvalid(`Param batch[${i}] must be a JSON object`);
    }
    const it = item as Record<string, unknown>;
    const method = String(it.method ?? "GET").toUpperCase();
    const rel = String(it.relative_url ?? "");
    if (!rel) throw Errors.paramInvalid(`Param batch[${i}][relative_url] is required`);
    const url = new URL(rel.replace(/^\/+/, ""), "http://batch.invalid/");
    const { version, path } = splitVersion(url.pathname);
    const query: Record<string, string> = {};
    url.searchParams.forEach((v, k) => (query[k] = v));
    const body: Record<string, string> = {};
    if (typeof it.body === "string" && it.body !== "") new URLSearchParams(it.body).forEach((v, k) => (body[k] = v));
    if (query.access_token === undefined && body.access_token === undefined) {
      query.access_token = topToken;
      // the batch's appsecret_proof covers items that use the top-level token
      const proof = ctx.str("appsecret_proof");
      if (proof !== undefined && query.appsecret_proof === undefined && body.appsecret_proof === undefined) query.appsecret_proof = proof;
    }
    if (path === "/") {
      results.push({ code: 400, ...(includeHeaders ? { headers: [{ name: "Content-Type", value: "text/javascript; charset=UTF-8" }] } : {}), body: metaStringify(Errors.paramInvalid("Batch requests cannot be nested").body(sim.fbtraceId())) });
      continue;
    }
    const res = await handleGraph(sim, { method, path, version: version ?? ctx.req.version, query, body, headers: {}, via: "batch", files: [], ...(ctx.req.baseUrl ? { baseUrl: ctx.req.baseUrl } : {}) });
    if (res.hang) {
      results.push(null);
      continue;
    }
    const headers = [
      { name: "Content-Type", value: "text/javascript; charset=UTF-8" },
      ...Object.entries(res.headers)
        .filter(([k]) => k.startsWith("x-") && k !== "x-fb-rev")
        .map(([name, value]) => ({ name: name.replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase()), value })),
      ...(res.headers["www-authenticate"] ? [{ name: "WWW-Authenticate", value: res.headers["www-authenticate"] }] : []),
    ];
    results.push({ code: res.status, ...(includeHeaders ? { headers } : {}), body: metaStringify(res.body) });
  }
  return results;
}
