// Everything Meta "holds" in the simulation: the simulated Facebook user, Pages, linked Instagram
// accounts, people (PSIDs / IGSIDs), conversations with all their messages (including the ones older than
// the 20 the API details), tokens and uploads. Plain data + indexes; the rules live in the Simulator.

export type Platform = "messenger" | "instagram";
export type OpenerKind = "MESSAGE" | "POSTBACK" | "REACTION" | "REFERRAL" | "AD_REFERRAL";
export type ThreadOwner = "us" | "other";

export interface SimUser {
  id: string;
  name: string;
  firstName: string;
  lastName: string;
}

export interface PageRec {
  id: string;
  name: string;
  category: string;
  username: string;
  /** The Page token currently valid for this Page (rotated when invalidated and reconnected). */
  accessToken: string;
  tasks: string[];
  /** The app holds Meta's Human Agent feature for this Page (HUMAN_AGENT tag allowed). */
  humanAgent: boolean;
  /** "other": another app owns the threads; customer events then arrive in `standby`. */
  threadOwner: ThreadOwner;
  /** Fields our app is subscribed to for this Page (`POST /{page-id}/subscribed_apps`); empty = not subscribed. */
  subscribedFields: string[];
  igAccountId: string | null;
  /**
   * A stand-in, not a Facebook Page: it carries the rate buckets and thread bookkeeping of an Instagram
   * professional account that has no linked Page (reachable only through Instagram Login). Never listed
   * (/me/accounts, the Facebook dialog), never addressable by id.
   */
  hidden?: boolean;
}

export interface IgAccountRec {
  id: string;
  pageId: string;
  username: string;
  name: string;
  humanAgent: boolean;
  threadOwner: ThreadOwner;
  /** Direct subscription of the IG account (Instagram Login style); the linked Page's subscription also counts. */
  subscribedFields: string[];
}

export interface ContactRec {
  /** PSID (Messenger) or IGSID (Instagram). */
  id: string;
  platform: Platform;
  /** Page id (Messenger) or IG account id (Instagram). */
  channelId: string;
  firstName: string;
  lastName: string;
  username: string | null;
  locale: string;
  /** Set when the person came in through a plugin / postback button with a user_ref. */
  userRef: string | null;
  createdAt: number;
}

export type AttachmentType = "image" | "video" | "audio" | "file" | "sticker" | "template" | "fallback" | "like_heart" | "share";

export interface AttachmentRec {
  id: string;
  type: AttachmentType;
  mimeType: string;
  name: string;
  size: number;
  width?: number;
  height?: number;
  /** External URL given by the sender (Send API `payload.url`); served from the simulator's CDN by redirect. */
  sourceUrl?: string;
  /** Upload id when the bytes were uploaded (`filedata`). */
  uploadId?: string;
  stickerId?: number;
  /** Template / other payload as sent. */
  payload?: unknown;
}

export interface ReactionRec {
  /** PSID/IGSID of the person or the Page/IG account id. */
  by: string;
  emoji: string;
  reaction: string;
}

export interface MessageRec {
  id: string;
  conversationId: string;
  /** Global insertion order, tie-breaker for equal timestamps. */
  seq: number;
  createdTime: number;
  fromPage: boolean;
  /** For Page messages: the app that sent it (ours, Page Inbox, another app). */
  appId: string | null;
  metadata: string | null;
  text: string | null;
  attachments: AttachmentRec[];
  quickReplyPayload: string | null;
  /** Quick replies a Page message offered (text ones: title + payload). */
  quickReplies?: { title: string; payload: string }[];
  /** The person's answer to a customer feedback template (customer-feedback.ts). */
  feedback?: { at: number; score: number; comment: string | null };
  replyTo: { mid: string; isSelfReply: boolean } | null;
  referral: Record<string, unknown> | null;
  postback: { title: string; payload: string } | null;
  reactions: ReactionRec[];
  deleted: boolean;
  editCount: number;
  messagingType: string | null;
  tag: string | null;
  source: "dataset" | "customer" | "send_api" | "other_app";
}

export interface ConversationRec {
  id: string;
  platform: Platform;
  channelId: string;
  pageId: string;
  contactId: string;
  /** Ascending by (createdTime, seq). */
  messages: MessageRec[];
  updatedTime: number;
  /** Timestamp (ms) of the person's latest window-opening action. */
  lastOpenerAt: number | null;
  lastOpenerKind: OpenerKind | null;
  /** The Page last looked at / answered the thread (unread_count counts inbound messages after it). */
  pageSeenAt: number;
  customerDeliveredAt: number;
  customerReadAt: number;
}

export interface TokenRec {
  token: string;
  /** "instagram": an Instagram User access token (Instagram Login; graph.instagram.com only). */
  kind: "user" | "page" | "instagram";
  userId: string;
  pageId: string | null;
  appId: string;
  scopes: string[];
  /** User tokens: Pages granted in the OAuth dialog (null = all of the user's Pages). */
  grantedPageIds: string[] | null;
  /** Page tokens: the user token they were obtained with (`/me/accounts`), if any. */
  parentToken?: string;
  issuedAt: number;
  expiresAt: number | null;
  invalidatedAt: number | null;
  /** Instagram tokens: the professional account the person logged in with. */
  igAccountId?: string;
  /** Instagram tokens: long-lived (60 days, refreshable) rather than short-lived (1 hour). */
  longLived?: boolean;
}

export interface UploadRec {
  id: string;
  type: AttachmentType;
  mimeType: string;
  name: string;
  size: number;
  sourceUrl?: string;
  /** Base64 of uploaded bytes (kept only for small files). */
  bytes?: string;
  pageId: string;
  platform: Platform;
  createdAt: number;
}

/** A Page post (own or a visitor's) or an Instagram media; `adId` set when it runs as an ad. */
export interface PostRec {
  id: string;
  platform: Platform;
  /** Page id (Messenger side) or IG account id. */
  channelId: string;
  pageId: string;
  createdTime: number;
  /** Post message / media caption. */
  message: string | null;
  pictureName: string;
  adId: string | null;
  adTitle: string | null;
  /** Visitor post: the person (PSID) who published it on the Page. */
  visitorContactId: string | null;
  /** Instagram: FEED, REELS, STORY or LIVE (LIVE comments arrive as `live_comments`). */
  mediaProductType: "FEED" | "REELS" | "STORY" | "LIVE" | null;
  /** Instagram Live: whether the broadcast still runs (private replies only while it does). */
  liveRunning: boolean;
  /** Visitor posts: the private reply already sent to the author. */
  privateReplyMessageId: string | null;
  seq: number;
}

/** A comment or a reply (`parentId`) on a post; by a person (`contactId`) or by the Page itself. */
export interface CommentRec {
  id: string;
  postId: string;
  platform: Platform;
  channelId: string;
  parentId: string | null;
  contactId: string | null;
  fromPage: boolean;
  text: string;
  createdTime: number;
  editedTime: number | null;
  hidden: boolean;
  deleted: boolean;
  /** The Page has liked this comment (`POST /{comment-id}/likes`; Facebook only). */
  likedByPage?: boolean;
  /** The one private reply Meta allows, once sent. */
  privateReplyMessageId: string | null;
  seq: number;
}

export interface WorldSnapshot {
  posts?: PostRec[];
  comments?: CommentRec[];
  user: SimUser;
  pages: PageRec[];
  igAccounts: IgAccountRec[];
  contacts: ContactRec[];
  conversations: ConversationRec[];
  tokens: TokenRec[];
  uploads: UploadRec[];
  seq: number;
}

export type IdKind = "user" | "page" | "ig" | "contact" | "conversation" | "message" | "post" | "comment";

export class World {
  user: SimUser;
  readonly pages = new Map<string, PageRec>();
  readonly igAccounts = new Map<string, IgAccountRec>();
  readonly contacts = new Map<string, ContactRec>();
  readonly conversations = new Map<string, ConversationRec>();
  readonly messages = new Map<string, MessageRec>();
  readonly tokens = new Map<string, TokenRec>();
  readonly uploads = new Map<string, UploadRec>();
  readonly posts = new Map<string, PostRec>();
  readonly comments = new Map<string, CommentRec>();
  /** Attachments by id, for the CDN. */
  readonly attachments = new Map<string, AttachmentRec>();
  readonly contactByUserRef = new Map<string, string>();
  private readonly conversationByContact = new Map<string, string>();
  private readonly channelLists = new Map<string, ConversationRec[]>();
  private readonly dirtyChannels = new Set<string>();
  seq = 0;

  constructor(user: SimUser) {
    this.user = user;
  }

  kindOf(id: string): IdKind | null {
    if (id === this.user.id) return "user";
    const page = this.pages.get(id);
    if (page) return page.hidden ? null : "page";
    if (this.igAccounts.has(id)) return "ig";
    if (this.contacts.has(id)) return "contact";
    if (this.conversations.has(id)) return "conversation";
    if (this.messages.has(id)) return "message";
    if (this.posts.has(id)) return "post";
    if (this.comments.has(id)) return "comment";
    return null;
  }

  addPage(page: PageRec): void {
    this.pages.set(page.id, page);
    if (!this.channelLists.has(page.id)) this.channelLists.set(page.id, []);
  }

  addIgAccount(ig: IgAccountRec): void {
    this.igAccounts.set(ig.id, ig);
    if (!this.channelLists.has(ig.id)) this.channelLists.set(ig.id, []);
  }

  addContact(contact: ContactRec): void {
    this.contacts.set(contact.id, contact);
    if (contact.userRef) this.contactByUserRef.set(contact.userRef, contact.id);
  }

  addConversation(conv: ConversationRec): void {
    this.conversations.set(conv.id, conv);
    this.conversationByContact.set(conv.contactId, conv.id);
    let list = this.channelLists.get(conv.channelId);
    if (!list) {
      list = [];
      this.channelLists.set(conv.channelId, list);
    }
    list.push(conv);
    this.dirtyChannels.add(conv.channelId);
    for (const m of conv.messages) this.indexMessage(m);
  }

  private indexMessage(m: MessageRec): void {
    this.messages.set(m.id, m);
    for (const a of m.attachments) this.attachments.set(a.id, a);
    if (m.seq > this.seq) this.seq = m.seq;
  }

  /** A message record with the defaults of a plain message for every field not given. */
  newMessage(fields: Pick<MessageRec, "id" | "conversationId" | "createdTime" | "fromPage" | "source"> & Partial<MessageRec>): MessageRec {
    return {
      seq: this.nextSeq(),
      appId: null,
      metadata: null,
      text: null,
      attachments: [],
      quickReplyPayload: null,
      replyTo: null,
      referral: null,
      postback: null,
      reactions: [],
      deleted: false,
      editCount: 0,
      messagingType: null,
      tag: null,
      ...fields,
    };
  }

  nextSeq(): number {
    return ++this.seq;
  }

  /** Adds a message keeping (createdTime, seq) order and moves the conversation's updated_time. */
  addMessage(conv: ConversationRec, m: MessageRec): void {
    const list = conv.messages;
    let i = list.length;
    while (i > 0 && compareMessages(list[i - 1] as MessageRec, m) > 0) i--;
    list.splice(i, 0, m);
    this.indexMessage(m);
    const last = list[list.length - 1] as MessageRec;
    if (conv.updatedTime !== last.createdTime) {
      conv.updatedTime = last.createdTime;
      this.dirtyChannels.add(conv.channelId);
    }
  }

  /** Posts of a channel, newest first. */
  postsOf(channelId: string): PostRec[] {
    return [...this.posts.values()].filter((p) => p.channelId === channelId).sort((a, b) => b.createdTime - a.createdTime || b.seq - a.seq);
  }

  /** Comments of a post (replies included), oldest first. */
  commentsOf(postId: string): CommentRec[] {
    return [...this.comments.values()].filter((c) => c.postId === postId).sort((a, b) => a.createdTime - b.createdTime || a.seq - b.seq);
  }

  conversationOfContact(contactId: string): ConversationRec | undefined {
    const id = this.conversationByContact.get(contactId);
    return id === undefined ? undefined : this.conversations.get(id);
  }

  markDirty(channelId: string): void {
    this.dirtyChannels.add(channelId);
  }

  /** Conversations of a channel, newest `updated_time` first (ties: id descending). */
  sortedConversations(channelId: string): ConversationRec[] {
    const list = this.channelLists.get(channelId) ?? [];
    if (this.dirtyChannels.has(channelId)) {
      list.sort(compareConversations);
      this.dirtyChannels.delete(channelId);
    }
    return list;
  }

  /** Re-sorts a conversation's messages after times were rewritten. */
  resortMessages(conv: ConversationRec): void {
    conv.messages.sort(compareMessages);
    const last = conv.messages[conv.messages.length - 1];
    if (last) conv.updatedTime = last.createdTime;
    this.dirtyChannels.add(conv.channelId);
  }

  channelOf(conv: ConversationRec): PageRec | IgAccountRec {
    const ch = conv.platform === "messenger" ? this.pages.get(conv.channelId) : this.igAccounts.get(conv.channelId);
    if (!ch) throw new Error(`conversation ${conv.id} has no channel ${conv.channelId}`);
    return ch;
  }

  snapshot(): WorldSnapshot {
    return {
      user: this.user,
      pages: [...this.pages.values()],
      igAccounts: [...this.igAccounts.values()],
      contacts: [...this.contacts.values()],
      conversations: [...this.conversations.values()],
      tokens: [...this.tokens.values()],
      uploads: [...this.uploads.values()],
      posts: [...this.posts.values()],
      comments: [...this.comments.values()],
      seq: this.seq,
    };
  }

  static fromSnapshot(s: WorldSnapshot): World {
    const w = new World(s.user);
    for (const p of s.pages) w.addPage(p);
    for (const ig of s.igAccounts) w.addIgAccount(ig);
    for (const c of s.contacts) w.addContact(c);
    for (const conv of s.conversations) w.addConversation(conv);
    for (const t of s.tokens) w.tokens.set(t.token, t);
    for (const u of s.uploads) w.uploads.set(u.id, u);
    for (const p of s.posts ?? []) w.posts.set(p.id, p);
    for (const c of s.comments ?? []) w.comments.set(c.id, c);
    w.seq = Math.max(w.seq, s.seq);
    return w;
  }
}

function compareMessages(a: MessageRec, b: MessageRec): number {
  return a.createdTime - b.createdTime || a.seq - b.seq;
}

/** Newest first; equal times by id descending so the order is total and stable for cursors. */
function compareConversations(a: ConversationRec, b: ConversationRec): number {
  if (a.updatedTime !== b.updatedTime) return b.updatedTime - a.updatedTime;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
