// Posts and comments: what people and the Page do on Page posts and Instagram media (comment, reply, edit,
// remove, hide), the webhooks Meta sends for it (Page `feed` changes with item "comment"; Instagram
// `comments` / `live_comments`), and private replies — the one message a Page may send to a commenter within
// 7 days (Send API with `recipient: {comment_id}` or `{post_id}` for visitor posts). Choices where Meta's docs
// are silent are listed in README "Choices for unverified points".

import { ControlError } from "./control-error";
import { conversationFor, createContact } from "./customer-actions";
import { DAY, HOUR } from "./clock";
import { Errors } from "./errors";
import type { ChannelRef, Simulator } from "./simulator";
import { isSubscribed } from "./webhook-payloads";
import type { CommentRec, ContactRec, PostRec } from "./world";

export const PRIVATE_REPLY_WINDOW_MS = 7 * DAY;

export interface NewPostInput {
  channelId: string;
  message?: string | null;
  adId?: string | null;
  adTitle?: string | null;
  /** Messenger: a visitor post by this person. */
  visitorContactId?: string | null;
  mediaProductType?: PostRec["mediaProductType"];
  liveRunning?: boolean;
  pictureName?: string;
  /** Milliseconds ago (default now). */
  agoMs?: number;
}

/** Graph-looking ids: Page posts `{page}_{n}`, Page comments `{post n}_{n}`, Instagram numeric ids. */
function nextNumber(sim: Simulator): string {
  return String(10_000_000_000_000 + sim.world.nextSeq() * 7919);
}

export function createPost(sim: Simulator, input: NewPostInput): PostRec {
  const ch = sim.channelById(input.channelId);
  if (!ch) throw new ControlError(404, `no Page or Instagram account ${input.channelId}`);
  if (input.visitorContactId) {
    const c = sim.world.contacts.get(input.visitorContactId);
    if (!c || c.channelId !== ch.id || ch.platform !== "messenger") throw new ControlError(400, "a visitor post needs a person of that Page");
  }
  const n = nextNumber(sim);
  const post: PostRec = {
    id: ch.platform === "messenger" ? `${ch.page.id}_${n}` : `179${n}`,
    platform: ch.platform,
    channelId: ch.id,
    pageId: ch.page.id,
    createdTime: sim.now() - (input.agoMs ?? 0),
    message: input.message ?? null,
    pictureName: input.pictureName ?? "post.jpg",
    adId: input.adId ?? null,
    adTitle: input.adTitle ?? null,
    visitorContactId: input.visitorContactId ?? null,
    mediaProductType: ch.platform === "instagram" ? (input.mediaProductType ?? "FEED") : null,
    liveRunning: input.liveRunning ?? false,
    privateReplyMessageId: null,
    seq: sim.world.seq,
  };
  sim.world.posts.set(post.id, post);
  sim.touch();
  return post;
}

export interface NewCommentInput {
  postId: string;
  /** The person commenting (PSID / IGSID of the post's channel); absent with `fromPage`. */
  contactId?: string;
  newContact?: { name?: string; username?: string };
  fromPage?: boolean;
  parentId?: string | null;
  text: string;
  agoMs?: number;
  /** Dataset building: no webhook. */
  silent?: boolean;
}

export function addComment(sim: Simulator, input: NewCommentInput): CommentRec {
  const post = sim.world.posts.get(input.postId);
  if (!post) throw new ControlError(404, `no post ${input.postId}`);
  const ch = sim.channelById(post.channelId) as ChannelRef;
  let contact: ContactRec | null = null;
  if (!input.fromPage) {
    if (input.contactId) {
      contact = sim.world.contacts.get(input.contactId) ?? null;
      if (!contact || contact.channelId !== ch.id) throw new ControlError(404, `no person ${input.contactId} on ${ch.id}`);
    } else {
      contact = createContact(sim, ch, input.newContact ?? {});
    }
  }
  let parentId: string | null = null;
  if (input.parentId) {
    const parent = sim.world.comments.get(input.parentId);
    if (!parent || parent.postId !== post.id || parent.deleted) throw new ControlError(404, `no comment ${input.parentId} on ${post.id}`);
    // Meta threads one level deep: a reply to a reply belongs to the top-level comment.
    parentId = parent.parentId ?? parent.id;
  }
  if (input.text.trim() === "") throw new ControlError(400, "text must not be empty");
  const n = nextNumber(sim);
  const comment: CommentRec = {
    id: post.platform === "messenger" ? `${post.id.split("_")[1]}_${n}` : `180${n}`,
    postId: post.id,
    platform: post.platform,
    channelId: post.channelId,
    parentId,
    contactId: contact?.id ?? null,
    fromPage: input.fromPage === true,
    text: input.text,
    createdTime: sim.now() - (input.agoMs ?? 0),
    editedTime: null,
    hidden: false,
    deleted: false,
    privateReplyMessageId: null,
    seq: sim.world.seq,
  };
  sim.world.comments.set(comment.id, comment);
  sim.touch();
  if (!input.silent) emitComment(sim, comment, "add");
  return comment;
}

export function editComment(sim: Simulator, id: string, text: string): CommentRec {
  const c = liveComment(sim, id);
  if (c.fromPage) throw new ControlError(400, "the customer page edits only people's comments");
  c.text = text;
  c.editedTime = sim.now();
  sim.touch();
  emitComment(sim, c, "edited");
  return c;
}

/** The person removes their comment (Page feed verb `remove`; Instagram sends no webhook). */
export function removeComment(sim: Simulator, id: string): CommentRec {
  const c = liveComment(sim, id);
  c.deleted = true;
  sim.touch();
  emitComment(sim, c, "remove");
  return c;
}

export function setCommentHidden(sim: Simulator, id: string, hidden: boolean): CommentRec {
  const c = liveComment(sim, id);
  if (c.hidden !== hidden) {
    c.hidden = hidden;
    sim.touch();
    emitComment(sim, c, hidden ? "hide" : "unhide");
  }
  return c;
}

function liveComment(sim: Simulator, id: string): CommentRec {
  const c = sim.world.comments.get(id);
  if (!c || c.deleted) throw new ControlError(404, `no comment ${id}`);
  return c;
}

export function commentAuthor(sim: Simulator, c: CommentRec): Record<string, string> {
  const ch = sim.channelById(c.channelId) as ChannelRef;
  if (c.fromPage) return ch.ig ? { id: ch.ig.id, username: ch.ig.username } : { id: ch.page.id, name: ch.page.name };
  const person = sim.world.contacts.get(c.contactId ?? "");
  if (!person) return { id: c.contactId ?? "" };
  return ch.ig ? { id: person.id, username: person.username ?? "" } : { id: person.id, name: sim.contactName(person) };
}

export function postPermalink(sim: Simulator, post: PostRec): string {
  const ch = sim.channelById(post.channelId) as ChannelRef;
  return ch.ig ? `https://www.instagram.com/p/${post.id}/` : `https://www.facebook.com/${ch.page.username}/posts/${post.id.split("_")[1]}`;
}

export function postPictureUrl(sim: Simulator, post: PostRec): string {
  return `${sim.baseUrl()}/__cdn/post/${post.id}/${encodeURIComponent(post.pictureName)}`;
}

/**
 * Emits the webhook of a comment change. Page: `feed` change `{item:"comment", verb, …}` (created_time in
 * seconds). Instagram: `comments` (or `live_comments`) with `{from, media, id, parent_id, text}` for new
 * comments only — Instagram sends nothing for edits, removals or hides.
 */
export function emitComment(sim: Simulator, c: CommentRec, verb: "add" | "edited" | "remove" | "hide" | "unhide"): void {
  const post = sim.world.posts.get(c.postId) as PostRec;
  const ch = sim.channelById(c.channelId) as ChannelRef;
  if (ch.platform === "messenger") {
    if (!isSubscribed(sim, ch, "feed")) return;
    const value: Record<string, unknown> = {
      from: commentAuthor(sim, c),
      post: { id: post.id, status_type: "added_photos", is_published: true, permalink_url: postPermalink(sim, post), promotion_status: post.adId ? "active" : "inactive", ...(post.adId ? { ad_id: post.adId, ad_title: post.adTitle } : {}) },
      post_id: post.id,
      comment_id: c.id,
      created_time: Math.floor(c.createdTime / 1000),
      item: "comment",
      parent_id: c.parentId ?? post.id,
      verb,
    };
    if (verb === "add" || verb === "edited") value.message = c.text;
    sim.webhooks.enqueue({ object: "page", entryId: ch.page.id, field: "feed", placement: "changes", item: { field: "feed", value } });
    return;
  }
  if (verb !== "add") return;
  const field = post.mediaProductType === "LIVE" ? "live_comments" : "comments";
  if (!isSubscribed(sim, ch, field)) return;
  const media: Record<string, unknown> = { id: post.id, media_product_type: post.mediaProductType ?? "FEED" };
  if (post.adId) {
    media.ad_id = post.adId;
    media.ad_title = post.adTitle;
  }
  const author = commentAuthor(sim, c);
  const value: Record<string, unknown> = { from: { id: author.id, username: author.username }, media, id: c.id, text: c.text };
  if (c.parentId) value.parent_id = c.parentId;
  sim.webhooks.enqueue({ object: "instagram", entryId: ch.id, field, placement: "changes", item: { field, value } });
}

// ── private replies ────────────────────────────────────────────────────────

/**
 * The checks Meta makes before a private reply, in the order the simulator applies them. Returns the
 * person and the object replied to; throws Meta's error otherwise.
 */
export function checkPrivateReply(sim: Simulator, ch: ChannelRef, recipient: { comment_id?: unknown; post_id?: unknown }): { contact: ContactRec; target: CommentRec | PostRec } {
  const now = sim.now();
  if (recipient.comment_id !== undefined) {
    const c = sim.world.comments.get(String(recipient.comment_id));
    if (!c || c.deleted || c.channelId !== ch.id) throw Errors.invalidCommentId();
    if (c.fromPage || c.contactId === null) throw Errors.notReplyableActivity();
    if (c.privateReplyMessageId !== null) throw Errors.alreadyRepliedTo();
    const post = sim.world.posts.get(c.postId) as PostRec;
    if (post.mediaProductType === "LIVE" ? !post.liveRunning : !(now - c.createdTime < PRIVATE_REPLY_WINDOW_MS)) throw Errors.activityCannotBeRepliedTo();
    if (ch.platform === "instagram" && post.mediaProductType !== "LIVE") chargeInstagramPrivateReply(sim, ch);
    return { contact: sim.world.contacts.get(c.contactId) as ContactRec, target: c };
  }
  const post = sim.world.posts.get(String(recipient.post_id));
  if (!post || post.channelId !== ch.id) throw Errors.invalidPostId();
  if (post.visitorContactId === null) throw Errors.notReplyableActivity();
  if (post.privateReplyMessageId !== null) throw Errors.alreadyRepliedTo();
  if (!(now - post.createdTime < PRIVATE_REPLY_WINDOW_MS)) throw Errors.activityCannotBeRepliedTo();
  return { contact: sim.world.contacts.get(post.visitorContactId) as ContactRec, target: post };
}

/** 750 private replies per hour per Page on Instagram posts and reels (sliding hour of simulated time). */
function chargeInstagramPrivateReply(sim: Simulator, ch: ChannelRef): void {
  const now = sim.now();
  const list = (sim.privateReplyLog.get(ch.page.id) ?? []).filter((t) => now - t < HOUR);
  if (list.length >= sim.config.limits.privateRepliesPerHour) {
    sim.privateReplyLog.set(ch.page.id, list);
    throw Errors.privateReplyRateLimit();
  }
  list.push(now);
  sim.privateReplyLog.set(ch.page.id, list);
}

/** After the message is stored: the comment / visitor post is answered; the DM conversation exists. */
export function markPrivateReplied(target: CommentRec | PostRec, messageId: string): void {
  target.privateReplyMessageId = messageId;
}

export function ensureConversation(sim: Simulator, ch: ChannelRef, contact: ContactRec) {
  return conversationFor(sim, ch, contact, true)!;
}
