// Graph endpoints of posts and comments: `/{page-id}/feed`, `/{post-id}/comments` (read; POST = a Page
// comment), `/{ig-user-id}/media`, `/{media-id}/comments`, `/{comment-id}` (read, hide, delete),
// `/{comment-id}/comments` (Page public reply), `/{ig-comment-id}/replies` (Instagram public reply).
// Page side needs pages_read_engagement + pages_read_user_content to read, pages_manage_engagement to write;
// Instagram side instagram_basic + instagram_manage_comments with Facebook Login (Page tokens on
// graph.facebook.com), instagram_business_basic + instagram_business_manage_comments with Instagram Login
// (Instagram User tokens on graph.instagram.com) — Meta's "Comment Moderation" guide, both columns.

import { graphTime } from "../clock";
import { addComment, commentAuthor, postPermalink, postPictureUrl, setCommentHidden } from "../comments";
import { Errors } from "../errors";
import { checkKnown, type FieldSpec } from "../fields";
import type { ChannelRef } from "../simulator";
import type { CommentRec, PostRec } from "../world";
import { limitPages } from "./charge";
import { encodeCursor, keysetPage, type GraphContext } from "./context";

const POST_FIELDS = ["id", "message", "created_time", "updated_time", "permalink_url", "full_picture", "from", "promotion_status", "ad_id", "ad_title", "comments"] as const;
const MEDIA_FIELDS = ["id", "caption", "media_type", "media_product_type", "permalink", "timestamp", "thumbnail_url", "media_url", "comments_count", "username", "ad_id", "ad_title", "comments"] as const;
const FB_COMMENT_FIELDS = ["id", "message", "created_time", "from", "parent", "permalink_url", "is_hidden", "can_reply_privately", "comment_count", "can_hide", "can_remove", "like_count", "user_likes"] as const;
const IG_COMMENT_FIELDS = ["id", "text", "timestamp", "from", "username", "parent_id", "hidden", "media", "replies", "like_count"] as const;

const spec = (...names: string[]): FieldSpec[] => names.map((name) => ({ name, modifiers: {} }));
const READ_PAGE = ["pages_read_engagement", "pages_read_user_content"];
const WRITE_PAGE = ["pages_manage_engagement"];
const READ_IG = ["instagram_basic", "instagram_manage_comments"];
const WRITE_IG = ["instagram_manage_comments"];
/** Instagram Login's own names: reads and writes alike need both (Comment Moderation guide). */
export const INSTAGRAM_LOGIN_COMMENT_SCOPES = ["instagram_business_basic", "instagram_business_manage_comments"] as const;

export function requireReadScopes(ctx: GraphContext, ch: ChannelRef): void {
  if (ctx.authenticate().kind === "instagram") return ctx.requireScopes(INSTAGRAM_LOGIN_COMMENT_SCOPES);
  ctx.requireScopes(ch.platform === "instagram" ? READ_IG : READ_PAGE);
}

function requireWriteScopes(ctx: GraphContext, ch: ChannelRef): void {
  if (ctx.authenticate().kind === "instagram") return ctx.requireScopes(INSTAGRAM_LOGIN_COMMENT_SCOPES);
  ctx.requireScopes(ch.platform === "instagram" ? WRITE_IG : WRITE_PAGE);
}

/** Latest activity of a post: its creation or its newest comment. */
function updatedTime(ctx: GraphContext, post: PostRec): number {
  let t = post.createdTime;
  for (const c of ctx.sim.world.commentsOf(post.id)) if (!c.deleted && c.createdTime > t) t = c.createdTime;
  return t;
}

function visibleComments(ctx: GraphContext, post: PostRec): CommentRec[] {
  return ctx.sim.world.commentsOf(post.id).filter((c) => !c.deleted);
}

/** One page of `items` by id cursor, with Meta's paging object. */
function paged<T extends { id: string }>(ctx: GraphContext, path: string, items: T[], render: (item: T) => Record<string, unknown>, def = 25, max = 100): Record<string, unknown> {
  const limit = ctx.limitParam(def, max);
  const slice = keysetPage(items, limit, ctx.str("after"), ctx.str("before"), (key, inclusive) => {
    const i = items.findIndex((p) => p.id === key);
    return i < 0 ? items.length : inclusive ? i : i + 1;
  }, null);
  const out: Record<string, unknown> = { data: slice.items.map(render) };
  if (slice.items.length > 0) {
    const first = slice.items[0] as T;
    const last = slice.items[slice.items.length - 1] as T;
    const paging: Record<string, unknown> = { cursors: { before: encodeCursor(first.id), after: encodeCursor(last.id) } };
    const carried = ctx.carriedParams();
    if (slice.hasNext) paging.next = ctx.link(path, { ...carried, limit: String(limit), after: encodeCursor(last.id) });
    if (slice.hasPrevious) paging.previous = ctx.link(path, { ...carried, limit: String(limit), before: encodeCursor(first.id) });
    out.paging = paging;
  }
  return out;
}

function sinceFilter(ctx: GraphContext): number | null {
  const since = ctx.str("since");
  if (since === undefined || since === "") return null;
  const n = /^\d+$/.test(since) ? Number(since) * 1000 : Date.parse(since);
  if (!Number.isFinite(n)) throw Errors.paramInvalid("Param since must be a UNIX timestamp or a date");
  return n;
}

// ── lists ───────────────────────────────────────────────────────────────────

/** `GET /{page-id}/feed`: the Page's posts and visitor posts, newest first; `since` filters by creation. */
export function listFeed(ctx: GraphContext, ch: ChannelRef): Record<string, unknown> {
  requireReadScopes(ctx, ch);
  limitPages(ctx, ch.page.id);
  const since = sinceFilter(ctx);
  const fields = ctx.fields() ?? spec("id", "message", "created_time");
  checkKnown(fields, POST_FIELDS, "Post");
  const posts = ctx.sim.world.postsOf(ch.id).filter((p) => since === null || p.createdTime >= since);
  return paged(ctx, `${ch.id}/feed`, posts, (p) => renderPost(ctx, p, fields));
}

/** `GET /{ig-user-id}/media`: the account's media, newest first. */
export function listMedia(ctx: GraphContext, ch: ChannelRef): Record<string, unknown> {
  requireReadScopes(ctx, ch);
  limitPages(ctx, ch.page.id);
  const since = sinceFilter(ctx);
  const fields = ctx.fields() ?? spec("id");
  checkKnown(fields, MEDIA_FIELDS, "IGMedia");
  const posts = ctx.sim.world.postsOf(ch.id).filter((p) => since === null || p.createdTime >= since);
  return paged(ctx, `${ch.id}/media`, posts, (p) => renderPost(ctx, p, fields));
}

/**
 * `GET /{post-id}/comments`: Page posts list top-level comments (`filter=stream`: every comment and reply,
 * chronological); Instagram media list top-level comments, replies through `replies` or `/{id}/replies`.
 */
export function listPostComments(ctx: GraphContext, ch: ChannelRef, post: PostRec): Record<string, unknown> {
  requireReadScopes(ctx, ch);
  limitPages(ctx, ch.page.id);
  const fields = ctx.fields();
  const stream = ch.platform === "messenger" && ctx.str("filter") === "stream";
  let list = visibleComments(ctx, post).filter((c) => stream || c.parentId === null);
  if (ctx.str("order") === "reverse_chronological") list = [...list].reverse();
  return paged(ctx, `${post.id}/comments`, list, (c) => renderComment(ctx, c, fields));
}

/** `GET /{comment-id}/comments` (Page) or `/{ig-comment-id}/replies`: replies of a comment, oldest first. */
export function listReplies(ctx: GraphContext, ch: ChannelRef, parent: CommentRec, edge: string): Record<string, unknown> {
  requireReadScopes(ctx, ch);
  limitPages(ctx, ch.page.id);
  const list = visibleComments(ctx, ctx.sim.world.posts.get(parent.postId) as PostRec).filter((c) => c.parentId === parent.id);
  return paged(ctx, `${parent.id}/${edge}`, list, (c) => renderComment(ctx, c, ctx.fields()));
}

// ── writes ──────────────────────────────────────────────────────────────────

/** A comment by the Page: on a post (`POST /{post-id}/comments`) or a public reply to a comment. */
export function pageComment(ctx: GraphContext, ch: ChannelRef, post: PostRec, parent: CommentRec | null): Record<string, unknown> {
  requireWriteScopes(ctx, ch);
  limitPages(ctx, ch.page.id);
  const message = ctx.str("message");
  if (message === undefined || message.trim() === "") throw Errors.paramRequired("message");
  if (ch.platform === "instagram" && Buffer.byteLength(message, "utf8") > 2200) throw Errors.paramInvalid("Length of param message must be at most 2200 characters");
  if ([...message].length > 8000) throw Errors.paramInvalid("Length of param message must be at most 8000 characters");
  const c = addComment(ctx.sim, { postId: post.id, fromPage: true, parentId: parent?.id ?? null, text: message });
  return { id: c.id };
}

/** `POST /{comment-id}` with `is_hidden` (Page) or `hide` (Instagram). */
export function updateComment(ctx: GraphContext, ch: ChannelRef, c: CommentRec): Record<string, unknown> {
  requireWriteScopes(ctx, ch);
  limitPages(ctx, ch.page.id);
  const raw = ch.platform === "instagram" ? ctx.str("hide") : ctx.str("is_hidden");
  if (raw === undefined) throw Errors.paramRequired(ch.platform === "instagram" ? "hide" : "is_hidden");
  if (raw !== "true" && raw !== "false") throw Errors.paramInvalid(`Param ${ch.platform === "instagram" ? "hide" : "is_hidden"} must be a boolean`);
  // Meta cannot hide the Page's own comments, nor a reply on Instagram's top level only rules (unverified).
  if (c.fromPage) throw Errors.paramInvalid("The Page's own comments cannot be hidden");
  setCommentHidden(ctx.sim, c.id, raw === "true");
  return { success: true };
}

/**
 * `POST` / `DELETE /{comment-id}/likes`: the Page likes or unlikes a comment (Facebook only: Instagram's API
 * has no likes for comments — the router refuses the edge there).
 */
export function likeComment(ctx: GraphContext, ch: ChannelRef, c: CommentRec, liked: boolean): Record<string, unknown> {
  requireWriteScopes(ctx, ch);
  limitPages(ctx, ch.page.id);
  c.likedByPage = liked;
  ctx.sim.touch();
  return { success: true };
}

export function deleteComment(ctx: GraphContext, ch: ChannelRef, c: CommentRec): Record<string, unknown> {
  requireWriteScopes(ctx, ch);
  limitPages(ctx, ch.page.id);
  c.deleted = true;
  ctx.sim.touch();
  return { success: true };
}

// ── rendering ───────────────────────────────────────────────────────────────

export function renderPost(ctx: GraphContext, p: PostRec, fields: FieldSpec[] | undefined): Record<string, unknown> {
  const ig = p.platform === "instagram";
  const list = fields ?? (ig ? spec("id") : spec("id", "message", "created_time"));
  checkKnown(list, ig ? MEDIA_FIELDS : POST_FIELDS, ig ? "IGMedia" : "Post");
  const sim = ctx.sim;
  const ch = sim.channelById(p.channelId) as ChannelRef;
  const out: Record<string, unknown> = {};
  for (const f of list) {
    switch (f.name) {
      case "id":
        out.id = p.id;
        break;
      case "message":
      case "caption":
        if (p.message !== null) out[f.name] = p.message;
        break;
      case "created_time":
        out.created_time = graphTime(p.createdTime);
        break;
      case "timestamp":
        out.timestamp = graphTime(p.createdTime);
        break;
      case "updated_time":
        out.updated_time = graphTime(updatedTime(ctx, p));
        break;
      case "permalink_url":
      case "permalink":
        out[f.name] = postPermalink(sim, p);
        break;
      case "full_picture":
      case "thumbnail_url":
      case "media_url":
        out[f.name] = postPictureUrl(sim, p);
        break;
      case "media_type":
        out.media_type = p.mediaProductType === "REELS" || p.mediaProductType === "LIVE" ? "VIDEO" : "IMAGE";
        break;
      case "media_product_type":
        out.media_product_type = p.mediaProductType === "LIVE" ? "LIVE" : (p.mediaProductType ?? "FEED");
        break;
      case "username":
        if (ch.ig) out.username = ch.ig.username;
        break;
      case "from": {
        const visitor = p.visitorContactId ? sim.world.contacts.get(p.visitorContactId) : undefined;
        out.from = visitor ? { name: sim.contactName(visitor), id: visitor.id } : { name: ch.page.name, id: ch.page.id };
        break;
      }
      case "promotion_status":
        out.promotion_status = p.adId ? "active" : "inactive";
        break;
      case "ad_id":
        if (p.adId) out.ad_id = p.adId;
        break;
      case "ad_title":
        if (p.adTitle) out.ad_title = p.adTitle;
        break;
      case "comments_count":
        out.comments_count = visibleComments(ctx, p).length;
        break;
      case "comments": {
        const top = visibleComments(ctx, p).filter((c) => c.parentId === null);
        const limit = Math.min(Number(f.modifiers.limit ?? 25) || 25, 100);
        out.comments = { data: top.slice(0, limit).map((c) => renderComment(ctx, c, f.children)) };
        break;
      }
    }
  }
  return out;
}

export function renderComment(ctx: GraphContext, c: CommentRec, fields: FieldSpec[] | undefined): Record<string, unknown> {
  const ig = c.platform === "instagram";
  const list = fields ?? (ig ? spec("id", "text", "timestamp") : spec("created_time", "from", "message", "id"));
  checkKnown(list, ig ? IG_COMMENT_FIELDS : FB_COMMENT_FIELDS, ig ? "IGComment" : "Comment");
  const sim = ctx.sim;
  const post = sim.world.posts.get(c.postId) as PostRec;
  const out: Record<string, unknown> = {};
  for (const f of list) {
    switch (f.name) {
      case "id":
        out.id = c.id;
        break;
      case "message":
      case "text":
        out[f.name] = c.text;
        break;
      case "created_time":
        out.created_time = graphTime(c.createdTime);
        break;
      case "timestamp":
        out.timestamp = graphTime(c.createdTime);
        break;
      case "from":
        out.from = commentAuthor(sim, c);
        break;
      case "username":
        out.username = commentAuthor(sim, c).username;
        break;
      case "parent":
        if (c.parentId) {
          const parent = sim.world.comments.get(c.parentId);
          if (parent) out.parent = { created_time: graphTime(parent.createdTime), from: commentAuthor(sim, parent), message: parent.text, id: parent.id };
        }
        break;
      case "parent_id":
        if (c.parentId) out.parent_id = c.parentId;
        break;
      case "permalink_url":
        out.permalink_url = `${postPermalink(sim, post)}?comment_id=${c.id}`;
        break;
      case "is_hidden":
        out.is_hidden = c.hidden;
        break;
      case "hidden":
        out.hidden = c.hidden;
        break;
      case "can_reply_privately":
        out.can_reply_privately = !c.fromPage && c.privateReplyMessageId === null && sim.now() - c.createdTime < 7 * 24 * 3_600_000;
        break;
      case "can_hide":
        out.can_hide = !c.fromPage;
        break;
      case "can_remove":
        out.can_remove = true;
        break;
      case "comment_count":
        out.comment_count = visibleComments(ctx, post).filter((r) => r.parentId === c.id).length;
        break;
      case "like_count":
        // The simulated people do not like comments: only the Page's own like counts.
        out.like_count = c.likedByPage ? 1 : 0;
        break;
      case "user_likes":
        out.user_likes = c.likedByPage === true;
        break;
      case "media":
        out.media = { id: post.id, media_product_type: post.mediaProductType ?? "FEED" };
        break;
      case "replies": {
        const replies = visibleComments(ctx, post).filter((r) => r.parentId === c.id);
        out.replies = { data: replies.map((r) => renderComment(ctx, r, f.children)) };
        break;
      }
    }
  }
  return out;
}
