// Graph API dispatch: version prefix, auth, routing by the kind of object the path names (the user, a Page,
// an IG account, a person, a conversation, a message), fault injection, usage headers, logs. Shared by the
// HTTP server and by batch items. The endpoints themselves live beside it: conversations.ts, page-edges.ts,
// send.ts, oauth.ts, batch.ts.

import { Errors, GraphError } from "../errors";
import type { EndpointKind } from "../faults";
import type { ChannelRef } from "../simulator";
import type { CommentRec, ConversationRec, IdKind, PageRec, PostRec } from "../world";
import { handleBatch } from "./batch";
import { applyFault, FaultGate, limitConversations, limitPages, NoAnswer } from "./charge";
import { GraphContext, type GraphRequest, type GraphResponse } from "./context";
import { listConversations } from "./conversations";
import { instagramExchangeToken, instagramRefreshToken, renderInstagramMe } from "./instagram-login";
import { debugToken, oauthAccessToken } from "./oauth";
import { accounts, subscribedApps, uploadAttachment } from "./page-edges";
import { isDetailed, messageList, renderContact, renderConversation, renderIg, renderMessage, renderPage, renderUser } from "./render";
import { handleSend } from "./send";
import { deleteComment, INSTAGRAM_LOGIN_COMMENT_SCOPES, likeComment, listFeed, listMedia, listPostComments, listReplies, pageComment, renderComment, renderPost, requireReadScopes, updateComment } from "./comments";

export { splitVersion } from "./version";

interface Routed {
  body: unknown;
  status?: number;
  kind: EndpointKind;
  objectId: string | null;
  send?: { objectId: string; platform: "messenger" | "instagram"; messageId: string | null };
}

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
  const host = ctx.surface === "instagram" ? "graph.instagram.com" : "graph.facebook.com";
  sim.recordRequest({
    via: req.via,
    method: req.method,
    path: (req.version ? `/${req.version}` : "") + req.path,
    status,
    errorCode: error?.code ?? null,
    errorSubcode: error?.subcode ?? null,
    objectId,
    durationMs: Math.round((performance.now() - started) * 100) / 100,
    host,
  });
  const isSend = req.method === "POST" && /\/messages$/.test(req.path);
  if (isSend) {
    sim.recordSend({
      via: req.via,
      method: req.method,
      path: req.path,
      objectId: sendInfo?.objectId ?? objectId,
      platform: sendInfo?.platform ?? null,
      request: ctx.allParams(),
      status,
      response: body,
      errorCode: error?.code ?? null,
      errorSubcode: error?.subcode ?? null,
      messageId: sendInfo?.messageId ?? null,
      fault: gate.label,
      host,
    });
  }
  return { status, body, headers, ...(gate.effect === "timeout" ? { hang: true } : {}) };
}

async function route(ctx: GraphContext, gate: FaultGate): Promise<Routed> {
  const method = ctx.req.method.toUpperCase();
  let segs = ctx.req.path.split("/").filter((s) => s !== "").map((s) => decodeURIComponent(s));

  if (segs.length === 0) {
    // Batch requests are documented for graph.facebook.com only; on graph.instagram.com unverified (README: choices).
    if (method === "POST" && ctx.surface !== "instagram") return { body: await handleBatch(ctx, handleGraph), kind: "other", objectId: null };
    throw Errors.unknownPath("/");
  }
  if (ctx.surface === "instagram") {
    if (segs.length === 1 && segs[0] === "access_token" && method === "GET") return { body: instagramExchangeToken(ctx), kind: "oauth", objectId: null };
    if (segs.length === 1 && segs[0] === "refresh_access_token" && method === "GET") {
      const token = ctx.authenticate();
      applyFault(ctx, gate, "token_refresh", token.igAccountId ?? null, () => Errors.pagesRateLimit());
      return { body: instagramRefreshToken(ctx), kind: "token_refresh", objectId: token.igAccountId ?? null };
    }
  } else {
    if (segs[0] === "oauth" && segs[1] === "access_token" && segs.length === 2) return { body: oauthAccessToken(ctx), kind: "oauth", objectId: null };
    if (segs[0] === "debug_token" && segs.length === 1) return { body: debugToken(ctx), kind: "other", objectId: null };
  }

  const token = ctx.authenticate();
  if (segs[0] === "me") segs = [token.kind === "page" ? (token.pageId as string) : token.kind === "instagram" ? (token.igAccountId as string) : token.userId, ...segs.slice(1)];
  if (segs.length > 2) throw Errors.unknownPath("/" + segs.slice(2).join("/"));
  const call: ObjectCall = { ctx, gate, method, id: segs[0] as string, edge: segs[1] };
  const kind = ctx.sim.world.kindOf(call.id);
  if (kind === null) throw Errors.unsupportedRequest(method, call.id);
  // graph.instagram.com knows Instagram objects only: no Pages, no Facebook user.
  if (ctx.surface === "instagram" && (kind === "page" || kind === "user")) throw Errors.unsupportedRequest(method, call.id);
  return ROUTES[kind](call);
}

/** A call on one object: `/{id}` or `/{id}/{edge}`. */
interface ObjectCall {
  ctx: GraphContext;
  gate: FaultGate;
  method: string;
  id: string;
  edge: string | undefined;
}

const ROUTES: Record<IdKind, (call: ObjectCall) => Routed> = {
  user: routeUser,
  page: routePage,
  ig: routeInstagramAccount,
  contact: routePerson,
  conversation: routeConversation,
  message: routeMessage,
  post: routePost,
  comment: routeComment,
};

/** A Page post or an Instagram media: the node and its `comments` edge. */
function routePost({ ctx, method, id, edge }: ObjectCall): Routed {
  const post = ctx.sim.world.posts.get(id) as PostRec;
  const ch = ctx.sim.channelById(post.channelId) as ChannelRef;
  ctx.requireChannelAccess(ch, method, id);
  if (edge === undefined && method === "GET") {
    requireReadScopes(ctx, ch);
    limitPages(ctx, ch.page.id);
    return { body: renderPost(ctx, post, ctx.fields()), kind: "page", objectId: ch.id };
  }
  if (edge === "comments" && method === "GET") return { body: listPostComments(ctx, ch, post), kind: "page", objectId: ch.id };
  if (edge === "comments" && method === "POST") return { body: pageComment(ctx, ch, post, null), kind: "page", objectId: ch.id };
  if (edge === undefined) throw Errors.unsupportedRequest(method, id);
  if (method === "GET") throw Errors.nonexistingField(edge, ch.ig ? "IGMedia" : "Post");
  throw Errors.unsupportedRequest(method, id);
}

/** A comment: read, hide/unhide, delete, like (Page); replies (`comments` on a Page comment, `replies` on Instagram). */
function routeComment({ ctx, method, id, edge }: ObjectCall): Routed {
  const c = ctx.sim.world.comments.get(id) as CommentRec;
  const ch = ctx.sim.channelById(c.channelId) as ChannelRef;
  ctx.requireChannelAccess(ch, method, id);
  if (c.deleted) throw Errors.unsupportedRequest(method, id);
  const post = ctx.sim.world.posts.get(c.postId) as PostRec;
  const replyEdge = ch.ig ? "replies" : "comments";
  if (edge === undefined) {
    if (method === "GET") {
      requireReadScopes(ctx, ch);
      limitPages(ctx, ch.page.id);
      return { body: renderComment(ctx, c, ctx.fields()), kind: "page", objectId: ch.id };
    }
    if (method === "POST") return { body: updateComment(ctx, ch, c), kind: "page", objectId: ch.id };
    if (method === "DELETE") return { body: deleteComment(ctx, ch, c), kind: "page", objectId: ch.id };
    throw Errors.unsupportedRequest(method, id);
  }
  if (edge === replyEdge && method === "GET") return { body: listReplies(ctx, ch, c, edge), kind: "page", objectId: ch.id };
  if (edge === replyEdge && method === "POST") return { body: pageComment(ctx, ch, post, c), kind: "page", objectId: ch.id };
  if (edge === "likes" && !ch.ig && (method === "POST" || method === "DELETE")) return { body: likeComment(ctx, ch, c, method === "POST"), kind: "page", objectId: ch.id };
  if (method === "GET") throw Errors.nonexistingField(edge, ch.ig ? "IGComment" : "Comment");
  throw Errors.unsupportedRequest(method, id);
}

/** The simulated Facebook user (user tokens only): `/me`, `/me/accounts`, `/me/permissions`. */
function routeUser({ ctx, method, id, edge }: ObjectCall): Routed {
  const token = ctx.authenticate();
  if (token.kind !== "user") throw Errors.unsupportedRequest(method, id);
  if (edge === undefined && method === "GET") return { body: renderUser(ctx, ctx.fields()), kind: "other", objectId: id };
  if (edge === "accounts" && method === "GET") return { body: accounts(ctx), kind: "accounts", objectId: id };
  if (edge === "permissions" && method === "GET") return { body: { data: token.scopes.map((p) => ({ permission: p, status: "granted" })) }, kind: "other", objectId: id };
  if (edge === undefined) throw Errors.unsupportedRequest(method, id);
  throw Errors.nonexistingField(edge, "User");
}

/** A Page: its node, conversations, Send API, webhook subscriptions, attachment uploads. */
function routePage({ ctx, gate, method, id, edge }: ObjectCall): Routed {
  const page = ctx.sim.world.pages.get(id) as PageRec;
  const ch = ctx.sim.channelById(page.id) as ChannelRef;
  if (!ctx.canAccessPage(page)) throw Errors.unsupportedRequest(method, id);
  if (edge === undefined) {
    if (method !== "GET") throw Errors.unsupportedRequest(method, id);
    limitPages(ctx, page.id);
    applyFault(ctx, gate, "page", page.id, () => Errors.pagesRateLimit());
    return { body: renderPage(ctx, page, ctx.fields(), { withToken: true }), kind: "page", objectId: page.id };
  }
  if (edge === "conversations" && method === "GET") {
    ctx.requireChannelAccess(ch, method, id);
    return { body: listConversations(ctx, gate, page, "page"), kind: "conversations", objectId: page.id };
  }
  if (edge === "messages" && method === "POST") return send(ctx, gate, id);
  if (edge === "feed" && method === "GET") {
    ctx.requireChannelAccess(ch, method, id);
    return { body: listFeed(ctx, ch), kind: "page", objectId: page.id };
  }
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

/** An Instagram professional account, through its linked Page's token. */
function routeInstagramAccount({ ctx, gate, method, id, edge }: ObjectCall): Routed {
  const ch = ctx.sim.channelById(id) as ChannelRef;
  const ig = ch.ig!;
  if (!ctx.canAccessPage(ch.page)) throw Errors.unsupportedRequest(method, id);
  if (edge === undefined) {
    if (method !== "GET") throw Errors.unsupportedRequest(method, id);
    limitPages(ctx, ch.page.id);
    if (ctx.surface === "instagram") return { body: renderInstagramMe(ctx, ig, ctx.fields()), kind: "page", objectId: ig.id };
    return { body: renderIg(ctx, ig, ctx.fields()), kind: "page", objectId: ig.id };
  }
  if (edge === "conversations" && method === "GET") {
    ctx.requireChannelAccess(ch, method, id);
    return { body: listConversations(ctx, gate, ch.page, "instagram"), kind: "conversations", objectId: ig.id };
  }
  if (edge === "messages" && method === "POST") return send(ctx, gate, id);
  if (edge === "media" && method === "GET") {
    ctx.requireChannelAccess(ch, method, id);
    return { body: listMedia(ctx, ch), kind: "page", objectId: ig.id };
  }
  if (edge === "subscribed_apps") {
    ctx.requireChannelAccess(ch, method, id);
    ctx.requireScopes([ctx.surface === "instagram" ? "instagram_business_basic" : "pages_manage_metadata"]);
    // Instagram Login: the comment fields need the comments permission (Meta's "webhook fields and permissions").
    const asked = (ctx.str("subscribed_fields") ?? "").split(/[\s,"[\]]+/);
    if (ctx.surface === "instagram" && method === "POST" && asked.some((f) => f === "comments" || f === "live_comments")) ctx.requireScopes(INSTAGRAM_LOGIN_COMMENT_SCOPES);
    limitPages(ctx, ch.page.id);
    applyFault(ctx, gate, "subscribed_apps", ig.id, () => Errors.pagesRateLimit());
    return { body: subscribedApps(ctx, ch, ig.subscribedFields, (f) => (ig.subscribedFields = f)), kind: "subscribed_apps", objectId: ig.id };
  }
  if (method === "GET") throw Errors.nonexistingField(edge, "IGUser");
  throw Errors.unsupportedRequest(method, id);
}

/** A person's profile (PSID or IGSID). */
function routePerson({ ctx, gate, method, id, edge }: ObjectCall): Routed {
  const c = ctx.sim.world.contacts.get(id)!;
  const ch = ctx.sim.channelById(c.channelId) as ChannelRef;
  if (method !== "GET" || edge !== undefined) throw edge && method === "GET" ? Errors.nonexistingField(edge, "User") : Errors.unsupportedRequest(method, id);
  ctx.requireChannelAccess(ch, method, id);
  ctx.requireScopes([ctx.messagingScope(ch)]);
  limitPages(ctx, ch.page.id);
  applyFault(ctx, gate, "profile", ch.id, () => Errors.pagesRateLimit());
  return { body: renderContact(ctx, c, ctx.fields()), kind: "profile", objectId: ch.id };
}

/** A conversation and its `messages` edge (Conversations API budget). */
function routeConversation({ ctx, gate, method, id, edge }: ObjectCall): Routed {
  const conv = ctx.sim.world.conversations.get(id)!;
  const ch = ctx.sim.channelOfConversation(conv);
  if (method !== "GET") throw Errors.unsupportedRequest(method, id);
  ctx.requireChannelAccess(ch, method, id);
  ctx.requireConversationScopes(ch);
  limitConversations(ctx, gate, ch);
  if (edge === undefined) return { body: renderConversation(ctx, conv, ctx.fields()), kind: "conversations", objectId: ch.id };
  if (edge === "messages") {
    const limits = ctx.sim.config.limits;
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

/** One message (only the 20 most recent of a thread are detailed). */
function routeMessage({ ctx, gate, method, id, edge }: ObjectCall): Routed {
  const m = ctx.sim.world.messages.get(id)!;
  const conv = ctx.sim.world.conversations.get(m.conversationId) as ConversationRec;
  const ch = ctx.sim.channelOfConversation(conv);
  if (method !== "GET") throw Errors.unsupportedRequest(method, id);
  if (edge !== undefined) throw Errors.nonexistingField(edge, "Message");
  ctx.requireChannelAccess(ch, method, id);
  ctx.requireConversationScopes(ch);
  limitConversations(ctx, gate, ch, "message");
  if (m.deleted || !isDetailed(ctx, conv, m)) throw Errors.messageTooOld();
  return { body: renderMessage(ctx, conv, m, ctx.fields(), true), kind: "message", objectId: ch.id };
}

function send(ctx: GraphContext, gate: FaultGate, objectId: string): Routed {
  // Faults are decided after the channel and bucket are known, inside a wrapper around handleSend.
  const result = handleSend(ctx, objectId, (ch) =>
    applyFault(ctx, gate, "send", ch.id, () => (ch.platform === "instagram" ? Errors.instagramRateLimit() : Errors.messengerRateLimit())),
  );
  return { body: result.body, kind: "send", objectId: result.objectId, send: { objectId: result.objectId, platform: result.platform, messageId: result.messageId } };
}
