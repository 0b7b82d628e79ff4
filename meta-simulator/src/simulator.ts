// The simulator's core: configuration, clock, the world (what Meta holds), the rules that change it
// (customer actions, Page sends, windows), webhook emission, tokens, logs. HTTP lives in server.ts; the
// Graph API in graph/*; the control API in control.ts.

import { HOUR, SimClock, type ClockState } from "./clock";
import { DEFAULT_CONFIG, mergeConfig, validateConfig, type DeepPartial, type SimulatorConfig } from "./config";
import { ALL_SCOPES, buildDataset, PAGE_INBOX_APP_ID, type DatasetSpec } from "./datasets";
import { Errors } from "./errors";
import { FaultInjector } from "./faults";
import { IdFactory, type IdFactoryState } from "./ids";
import { AppUsage, RateLimiter, type LimitKind } from "./ratelimit";
import { Rng } from "./rng";
import { WebhookDispatcher, type DeliveryLogEntry, type WebhookEvent, type WebhookObject } from "./webhooks";
import {
  World,
  type AttachmentRec,
  type AttachmentType,
  type ContactRec,
  type ConversationRec,
  type IgAccountRec,
  type MessageRec,
  type OpenerKind,
  type PageRec,
  type Platform,
  type TokenRec,
  type WorldSnapshot,
} from "./world";

export interface ChannelRef {
  platform: Platform;
  id: string;
  page: PageRec;
  ig: IgAccountRec | null;
}

export interface SendLogEntry {
  id: number;
  at: number;
  via: "http" | "batch";
  method: string;
  path: string;
  objectId: string | null;
  platform: Platform | null;
  /** The request parameters as received (object params parsed). */
  request: Record<string, unknown>;
  status: number;
  response: unknown;
  errorCode: number | null;
  errorSubcode: number | null;
  messageId: string | null;
  /** Fault applied to this call, if any. */
  fault: string | null;
}

export interface RequestLogEntry {
  id: number;
  at: number;
  via: "http" | "batch";
  method: string;
  path: string;
  status: number;
  errorCode: number | null;
  errorSubcode: number | null;
  objectId: string | null;
  durationMs: number;
}

export interface OAuthCodeRec {
  code: string;
  clientId: string;
  redirectUri: string;
  pageIds: string[];
  scopes: string[];
  createdAt: number;
  used: boolean;
}

export type SimEvent =
  | { type: "message"; conversationId: string; channelId: string; contactId: string; messageId: string }
  | { type: "message_updated"; conversationId: string; messageId: string }
  | { type: "reset" }
  | { type: "webhook"; outcome: string };

export interface CustomerTarget {
  /** Page id (Messenger) or IG account id (Instagram). */
  channelId: string;
  /** PSID / IGSID of an existing person. */
  contactId?: string;
  /** Creates a new person (when contactId is not given). */
  newContact?: { name?: string; firstName?: string; lastName?: string; username?: string; locale?: string };
}

export interface CustomerAttachmentInput {
  type: "image" | "video" | "audio" | "file" | "sticker";
  url?: string;
  name?: string;
}

export interface ActionResult {
  channelId: string;
  platform: Platform;
  contactId: string;
  conversationId: string | null;
  messageId: string | null;
  timestamp: number;
}

export const REACTION_NAMES: Record<string, string> = {
  "❤️": "love",
  "❤": "love",
  "😍": "love",
  "😆": "smile",
  "😄": "smile",
  "😊": "smile",
  "😂": "smile",
  "😮": "wow",
  "😢": "sad",
  "😠": "angry",
  "👍": "like",
  "👎": "dislike",
};

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
  "mention",
  "conversations",
  "name",
  "picture",
] as const;

export interface SimulatorInit {
  config?: DeepPartial<SimulatorConfig>;
  dataset?: DatasetSpec;
  clock?: Partial<ClockState>;
  /** Simulated "now" the dataset ages are measured from (default: the clock's now). */
  anchor?: number;
  logger?: (line: string) => void;
  /** Monotonic milliseconds that refill the rate-limit buckets (default `performance.now`; tests inject a fake clock). */
  rateLimitClock?: () => number;
}

export interface PersistedState {
  format: "meta-simulator-state";
  version: 1;
  savedAt: string;
  config: SimulatorConfig;
  clock: ClockState;
  dataset: { spec: DatasetSpec; loadedAt: number };
  ids: IdFactoryState;
  userToken: string;
  world: WorldSnapshot;
  sendLog: SendLogEntry[];
  webhookLog: DeliveryLogEntry[];
}

export class Simulator {
  config: SimulatorConfig;
  readonly clock: SimClock;
  world!: World;
  ids!: IdFactory;
  userToken!: string;
  dataset!: { spec: DatasetSpec; loadedAt: number };
  readonly limiter: RateLimiter;
  readonly appUsage: AppUsage;
  readonly webhooks: WebhookDispatcher;
  readonly faults: FaultInjector;
  sendLog: SendLogEntry[] = [];
  requestLog: RequestLogEntry[] = [];
  readonly oauthCodes = new Map<string, OAuthCodeRec>();
  private readonly listeners = new Set<(e: SimEvent) => void>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private logSeq = 0;
  private traceRng = new Rng("fbtrace");
  /** Set by the HTTP server once listening. */
  listeningUrl: string | null = null;
  /** Bumped on every change worth persisting. */
  revision = 0;
  readonly log: (line: string) => void;

  constructor(init: SimulatorInit = {}) {
    this.config = mergeConfig(DEFAULT_CONFIG, init.config);
    validateConfig(this.config);
    this.clock = new SimClock(init.clock);
    this.log = init.logger ?? (() => {});
    this.limiter = new RateLimiter(() => ({
      rate: (kind: LimitKind) =>
        kind === "conversations"
          ? this.config.limits.conversationsPerSecond
          : kind === "send"
            ? this.config.limits.sendPerSecond
            : kind === "sendMedia"
              ? this.config.limits.sendMediaPerSecond
              : this.config.limits.pagesPerSecond,
      graceMs: this.config.limits.graceMs,
      rejectedCallCost: this.config.limits.rejectedCallCost,
    }), init.rateLimitClock);
    this.appUsage = new AppUsage();
    this.webhooks = new WebhookDispatcher(
      () => this.config,
      () => this.now(),
    );
    this.faults = new FaultInjector(this.config.faults.seed, () => this.config.faults.graph);
    this.loadDataset(init.dataset ?? { name: "demo" }, init.anchor);
  }

  now(): number {
    return this.clock.now();
  }

  /**
   * Base URL for links and media URLs: the configured publicUrl, else the base the current Graph request
   * came in on (Host header), else the listening address.
   */
  baseUrl(): string {
    return (this.config.publicUrl ?? this.requestBaseUrl ?? this.listeningUrl ?? "http://127.0.0.1:4010").replace(/\/+$/, "");
  }

  /** Set by the Graph handler while it renders a response (see baseUrl). */
  requestBaseUrl: string | null = null;

  touch(): void {
    this.revision++;
  }

  // ── configuration ─────────────────────────────────────────────────────────
  updateConfig(patch: DeepPartial<SimulatorConfig>): SimulatorConfig {
    const next = mergeConfig(this.config, patch);
    validateConfig(next);
    const seedChanged = String(next.faults.seed) !== String(this.config.faults.seed);
    this.config = next;
    if (seedChanged) {
      this.faults.reseed(next.faults.seed);
      this.webhooks.reseed(next.faults.seed);
    }
    this.touch();
    return this.config;
  }

  // ── datasets and persistence ──────────────────────────────────────────────
  loadDataset(spec: DatasetSpec, anchor?: number): void {
    const built = buildDataset(spec, { anchor: anchor ?? this.now(), appId: this.config.app.id });
    this.world = built.world;
    this.ids = built.ids;
    this.userToken = built.userToken;
    this.dataset = { spec, loadedAt: anchor ?? this.now() };
    this.sendLog = [];
    this.requestLog = [];
    this.oauthCodes.clear();
    this.limiter.reset();
    this.webhooks.clearLog();
    this.faults.clear();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.touch();
    this.notify({ type: "reset" });
  }

  exportState(): PersistedState {
    return {
      format: "meta-simulator-state",
      version: 1,
      savedAt: new Date().toISOString(),
      config: this.config,
      clock: this.clock.state(),
      dataset: this.dataset,
      ids: this.ids.state(),
      userToken: this.userToken,
      world: this.world.snapshot(),
      sendLog: this.sendLog.slice(-1000),
      webhookLog: this.webhooks.log.slice(-1000),
    };
  }

  importState(state: PersistedState, opts: { keepApp?: boolean } = {}): void {
    if (state.format !== "meta-simulator-state" || state.version !== 1) throw new Error("not a meta-simulator state file (format/version)");
    const app = this.config.app;
    this.config = mergeConfig(DEFAULT_CONFIG, state.config);
    if (opts.keepApp) this.config.app = app;
    validateConfig(this.config);
    const c = this.clock;
    if (state.clock.frozenAt !== null) {
      c.set(state.clock.frozenAt);
      c.freeze();
    } else {
      c.unfreeze();
      c.advance(state.clock.offsetMs - (this.now() - Date.now()));
    }
    this.world = World.fromSnapshot(state.world);
    this.ids = new IdFactory(state.ids);
    for (const id of [...this.world.pages.keys(), ...this.world.igAccounts.keys(), ...this.world.contacts.keys(), ...this.world.conversations.keys()]) this.ids.reserve(id);
    this.userToken = state.userToken;
    this.dataset = state.dataset;
    this.sendLog = state.sendLog ?? [];
    this.webhooks.log = state.webhookLog ?? [];
    this.limiter.reset();
    this.faults.reseed(this.config.faults.seed);
    this.webhooks.reseed(this.config.faults.seed);
    this.touch();
    this.notify({ type: "reset" });
  }

  // ── events for the customer page (SSE) ────────────────────────────────────
  subscribe(fn: (e: SimEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private notify(e: SimEvent): void {
    for (const fn of this.listeners) {
      try {
        fn(e);
      } catch {
        /* listener errors never break the simulation */
      }
    }
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.webhooks.close();
    this.listeners.clear();
  }

  // ── ids, traces, logs ─────────────────────────────────────────────────────
  fbtraceId(): string {
    return this.traceRng.chars(11, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");
  }

  recordSend(e: Omit<SendLogEntry, "id" | "at">): void {
    this.sendLog.push({ id: ++this.logSeq, at: this.now(), ...e });
    if (this.sendLog.length > 20_000) this.sendLog.splice(0, this.sendLog.length - 20_000);
    this.touch();
  }

  recordRequest(e: Omit<RequestLogEntry, "id" | "at">): void {
    this.requestLog.push({ id: ++this.logSeq, at: this.now(), ...e });
    if (this.requestLog.length > 50_000) this.requestLog.splice(0, this.requestLog.length - 50_000);
  }

  // ── channels ──────────────────────────────────────────────────────────────
  channelById(id: string): ChannelRef | null {
    const page = this.world.pages.get(id);
    if (page) return { platform: "messenger", id, page, ig: null };
    const ig = this.world.igAccounts.get(id);
    if (ig) {
      const p = this.world.pages.get(ig.pageId);
      if (p) return { platform: "instagram", id, page: p, ig };
    }
    return null;
  }

  channelOfConversation(conv: ConversationRec): ChannelRef {
    const ch = this.channelById(conv.channelId);
    if (!ch) throw new Error(`no channel ${conv.channelId}`);
    return ch;
  }

  humanAgentOf(ch: ChannelRef): boolean {
    return ch.ig ? ch.ig.humanAgent : ch.page.humanAgent;
  }

  threadOwnerOf(ch: ChannelRef): "us" | "other" {
    return ch.ig ? ch.ig.threadOwner : ch.page.threadOwner;
  }

  // ── tokens ────────────────────────────────────────────────────────────────
  /** Returns the token record or throws Meta's 190 family. */
  resolveToken(token: string): TokenRec {
    const rec = this.world.tokens.get(token);
    if (!rec) throw Errors.invalidToken();
    if (rec.invalidatedAt !== null) throw Errors.sessionInvalidated();
    const now = this.now();
    if (rec.expiresAt !== null && now >= rec.expiresAt) throw Errors.sessionExpired(rec.expiresAt, now);
    return rec;
  }

  issueUserToken(scopes: string[], pageIds: string[] | null, ttlMs: number): TokenRec {
    const rec: TokenRec = {
      token: this.ids.token(),
      kind: "user",
      userId: this.world.user.id,
      pageId: null,
      appId: this.config.app.id,
      scopes,
      grantedPageIds: pageIds,
      issuedAt: this.now(),
      expiresAt: this.now() + ttlMs,
      invalidatedAt: null,
    };
    this.world.tokens.set(rec.token, rec);
    this.touch();
    return rec;
  }

  /**
   * A Page token. With a user token (`/me/accounts`): the Page token obtained with that user token, with
   * its scopes (minted on first use, re-minted after invalidation). Without: the Page's current token
   * (minted with every scope if invalid). `page.accessToken` always holds the latest one.
   */
  pageTokenFor(page: PageRec, viaUserToken?: TokenRec): string {
    if (viaUserToken) {
      for (const t of this.world.tokens.values()) {
        if (t.kind === "page" && t.pageId === page.id && t.parentToken === viaUserToken.token && t.invalidatedAt === null) return t.token;
      }
      const cur = this.world.tokens.get(page.accessToken);
      // Dataset tokens and tokens of a user token with the same scopes are reused as they are.
      if (cur && cur.invalidatedAt === null && cur.parentToken === undefined && sameScopes(cur.scopes, viaUserToken.scopes)) return cur.token;
    } else {
      const cur = this.world.tokens.get(page.accessToken);
      if (cur && cur.invalidatedAt === null) return page.accessToken;
    }
    const rec: TokenRec = {
      token: this.ids.token(),
      kind: "page",
      userId: this.world.user.id,
      pageId: page.id,
      appId: this.config.app.id,
      scopes: viaUserToken ? [...viaUserToken.scopes] : [...ALL_SCOPES],
      grantedPageIds: null,
      ...(viaUserToken ? { parentToken: viaUserToken.token } : {}),
      issuedAt: this.now(),
      expiresAt: null,
      invalidatedAt: null,
    };
    this.world.tokens.set(rec.token, rec);
    page.accessToken = rec.token;
    this.touch();
    return rec.token;
  }

  /** Invalidates every Page token of a Page; returns them. */
  invalidatePageTokens(pageId: string): string[] {
    const out: string[] = [];
    for (const t of this.world.tokens.values()) {
      if (t.kind === "page" && t.pageId === pageId && t.invalidatedAt === null) {
        t.invalidatedAt = this.now();
        out.push(t.token);
      }
    }
    this.touch();
    return out;
  }

  invalidateToken(token: string): boolean {
    const rec = this.world.tokens.get(token);
    if (!rec) return false;
    rec.invalidatedAt = this.now();
    this.touch();
    return true;
  }

  // ── windows ───────────────────────────────────────────────────────────────
  /** Milliseconds since the person's last window-opening action (Infinity if never). */
  sinceOpener(conv: ConversationRec): number {
    return conv.lastOpenerAt === null ? Number.POSITIVE_INFINITY : this.now() - conv.lastOpenerAt;
  }

  // ── webhooks ──────────────────────────────────────────────────────────────
  isSubscribed(ch: ChannelRef, field: string): boolean {
    if (!ch.ig) return ch.page.subscribedFields.includes(field);
    const aliases = INSTAGRAM_FIELD_ALIASES[field] ?? [field];
    return aliases.some((f) => ch.ig?.subscribedFields.includes(f) || ch.page.subscribedFields.includes(f));
  }

  /**
   * Emits one messaging item. `standbyEligible`: the item would go to `standby` when another app owns the
   * thread (customer events, echoes of other apps' messages).
   */
  emit(ch: ChannelRef, field: string, item: Record<string, unknown>, standbyEligible: boolean): void {
    const standby = standbyEligible && this.threadOwnerOf(ch) === "other";
    const effectiveField = standby ? "standby" : field;
    if (!this.isSubscribed(ch, effectiveField)) return;
    const object: WebhookObject = ch.platform === "messenger" ? "page" : "instagram";
    const event: WebhookEvent = { object, entryId: ch.id, field: effectiveField, placement: standby ? "standby" : "messaging", item };
    this.webhooks.enqueue(event);
  }

  // ── URLs ──────────────────────────────────────────────────────────────────
  attachmentUrl(a: AttachmentRec): string {
    return `${this.baseUrl()}/__cdn/att/${a.id}/${encodeURIComponent(a.name)}`;
  }

  avatarUrl(id: string): string {
    return `${this.baseUrl()}/__cdn/avatar/${id}.svg`;
  }

  // ── people ────────────────────────────────────────────────────────────────
  contactName(c: ContactRec): string {
    return c.locale === "ja_JP" ? `${c.lastName}${c.firstName}` : `${c.firstName} ${c.lastName}`.trim();
  }

  private createContact(ch: ChannelRef, spec: NonNullable<CustomerTarget["newContact"]>, userRef: string | null = null): ContactRec {
    let first = spec.firstName ?? "";
    let last = spec.lastName ?? "";
    if (!first && !last) {
      const parts = (spec.name ?? "New Customer").trim().split(/\s+/);
      first = parts[0] ?? "New";
      last = parts.slice(1).join(" ");
    }
    let username: string | null = null;
    if (ch.platform === "instagram") {
      const base =
        spec.username ??
        (`${first}.${last}`
          .toLowerCase()
          .normalize("NFD")
          .replace(/[\u0300-\u036f]/g, "")
          .replace(/[^a-z0-9._]/g, "")
          .replace(/^\.+|\.+$/g, "") || "customer");
      username = base;
      let n = 1;
      const taken = new Set([...this.world.contacts.values()].filter((c) => c.channelId === ch.id).map((c) => c.username));
      while (taken.has(username)) username = `${base}${++n}`;
    }
    const contact: ContactRec = {
      id: ch.platform === "messenger" ? this.ids.psid() : this.ids.igsid(),
      platform: ch.platform,
      channelId: ch.id,
      firstName: first,
      lastName: last,
      username,
      locale: spec.locale ?? "en_US",
      userRef,
      createdAt: this.now(),
    };
    this.world.addContact(contact);
    this.touch();
    return contact;
  }

  private resolveTarget(t: CustomerTarget, opts: { create: boolean; userRef?: boolean } = { create: true }): { ch: ChannelRef; contact: ContactRec } {
    const ch = this.channelById(t.channelId);
    if (!ch) throw new ControlError(404, `no Page or Instagram account ${t.channelId}`);
    if (t.contactId) {
      const contact = this.world.contacts.get(t.contactId);
      if (!contact || contact.channelId !== ch.id) throw new ControlError(404, `no person ${t.contactId} on ${ch.id}`);
      return { ch, contact };
    }
    if (!opts.create) throw new ControlError(400, "contactId is required for this action");
    const contact = this.createContact(ch, t.newContact ?? {}, opts.userRef ? this.ids.userRef() : null);
    return { ch, contact };
  }

  private conversationFor(ch: ChannelRef, contact: ContactRec, create: boolean): ConversationRec | null {
    const existing = this.world.conversationOfContact(contact.id);
    if (existing || !create) return existing ?? null;
    const conv: ConversationRec = {
      id: ch.platform === "messenger" ? this.ids.messengerConversationId() : this.ids.instagramConversationId(ch.id),
      platform: ch.platform,
      channelId: ch.id,
      pageId: ch.page.id,
      contactId: contact.id,
      messages: [],
      updatedTime: this.now(),
      lastOpenerAt: null,
      lastOpenerKind: null,
      pageSeenAt: 0,
      customerDeliveredAt: 0,
      customerReadAt: 0,
    };
    this.world.addConversation(conv);
    return conv;
  }

  newMid(ch: ChannelRef): string {
    return ch.platform === "messenger" ? this.ids.messengerMid() : this.ids.instagramMid(ch.id);
  }

  newAttachment(type: AttachmentType, opts: { url?: string; name?: string; mimeType?: string; uploadId?: string; stickerId?: number; payload?: unknown; size?: number }): AttachmentRec {
    const ext = { image: "jpg", video: "mp4", audio: "m4a", file: "pdf", sticker: "png" } as Record<string, string>;
    const mime = { image: "image/jpeg", video: "video/mp4", audio: "audio/mp4", file: "application/pdf", sticker: "image/png" } as Record<string, string>;
    const fromUrl = opts.url ? decodeURIComponent(new URL(opts.url, "http://x").pathname.split("/").pop() ?? "") : "";
    const a: AttachmentRec = {
      id: this.ids.attachmentId(),
      type,
      mimeType: opts.mimeType ?? mime[type] ?? "application/octet-stream",
      name: opts.name ?? (fromUrl || `${type}.${ext[type] ?? "bin"}`),
      size: opts.size ?? 48_213,
    };
    if (opts.url) a.sourceUrl = opts.url;
    if (opts.uploadId) a.uploadId = opts.uploadId;
    if (opts.stickerId !== undefined) a.stickerId = opts.stickerId;
    if (opts.payload !== undefined) a.payload = opts.payload;
    if (type === "image" || type === "video") {
      a.width = 1080;
      a.height = type === "image" ? 1350 : 1920;
    }
    return a;
  }

  private setOpener(conv: ConversationRec, at: number, kind: OpenerKind): void {
    if (conv.lastOpenerAt === null || at >= conv.lastOpenerAt) {
      conv.lastOpenerAt = at;
      conv.lastOpenerKind = kind;
    }
  }

  /** The webhook shape of attachments (customer messages and echoes). */
  webhookAttachments(m: MessageRec): Array<Record<string, unknown>> {
    return m.attachments.map((a) => {
      if (a.type === "template" || a.type === "fallback") return { type: a.type, payload: a.payload ?? null };
      if (a.type === "like_heart") return { type: "like_heart" };
      const payload: Record<string, unknown> = { url: this.attachmentUrl(a) };
      if (a.type === "sticker" && a.stickerId !== undefined) payload.sticker_id = a.stickerId;
      return { type: a.type, payload };
    });
  }

  // ── customer actions (control API, customer page) ─────────────────────────
  customerMessage(
    target: CustomerTarget,
    input: {
      text?: string;
      attachments?: CustomerAttachmentInput[];
      quickReplyPayload?: string;
      replyTo?: string;
      referral?: Record<string, unknown>;
    },
  ): ActionResult {
    const { ch, contact } = this.resolveTarget(target);
    const text = input.text ?? null;
    const atts = (input.attachments ?? []).map((a) =>
      this.newAttachment(a.type, { ...(a.url !== undefined ? { url: a.url } : {}), ...(a.name !== undefined ? { name: a.name } : {}), ...(a.type === "sticker" ? { stickerId: 369239263222822 } : {}) }),
    );
    if (!text && atts.length === 0) throw new ControlError(400, "a customer message needs text or attachments");
    const conv = this.conversationFor(ch, contact, true) as ConversationRec;
    let replyTo: MessageRec["replyTo"] = null;
    if (input.replyTo) {
      const target = this.world.messages.get(input.replyTo);
      if (!target || target.conversationId !== conv.id) throw new ControlError(400, `replyTo ${input.replyTo} is not a message of this conversation`);
      replyTo = { mid: target.id, isSelfReply: !target.fromPage };
    }
    const now = this.now();
    const m = this.world.newMessage({
      id: this.newMid(ch),
      conversationId: conv.id,
      createdTime: now,
      fromPage: false,
      text,
      attachments: atts,
      quickReplyPayload: input.quickReplyPayload ?? null,
      replyTo,
      referral: input.referral ?? null,
      source: "customer",
    });
    this.world.addMessage(conv, m);
    this.setOpener(conv, now, input.referral && input.referral.source === "ADS" ? "AD_REFERRAL" : "MESSAGE");
    this.touch();
    const isIgSticker = ch.platform === "instagram" && atts.some((a) => a.type === "sticker");
    if (!isIgSticker) {
      // Instagram sends no webhook for GIFs/stickers (REFERENCE §9).
      const message: Record<string, unknown> = { mid: m.id };
      if (text !== null) message.text = text;
      if (atts.length > 0) message.attachments = this.webhookAttachments(m);
      if (m.quickReplyPayload !== null) message.quick_reply = { payload: m.quickReplyPayload };
      if (replyTo) message.reply_to = { mid: replyTo.mid, is_self_reply: replyTo.isSelfReply };
      if (m.referral) message.referral = m.referral;
      this.emit(ch, "messages", { sender: { id: contact.id }, recipient: { id: ch.id }, timestamp: now, message }, true);
    }
    this.notify({ type: "message", conversationId: conv.id, channelId: ch.id, contactId: contact.id, messageId: m.id });
    return { channelId: ch.id, platform: ch.platform, contactId: contact.id, conversationId: conv.id, messageId: m.id, timestamp: now };
  }

  customerReaction(target: CustomerTarget, input: { mid: string; emoji?: string; action?: "react" | "unreact" }): ActionResult {
    const { ch, contact } = this.resolveTarget(target, { create: false });
    const m = this.world.messages.get(input.mid);
    const conv = this.world.conversationOfContact(contact.id);
    if (!m || !conv || m.conversationId !== conv.id) throw new ControlError(400, `mid ${input.mid} is not a message of this person's conversation`);
    const action = input.action ?? "react";
    const emoji = input.emoji ?? "❤️";
    const reaction = REACTION_NAMES[emoji] ?? "other";
    const now = this.now();
    m.reactions = m.reactions.filter((r) => r.by !== contact.id);
    if (action === "react") {
      m.reactions.push({ by: contact.id, emoji, reaction });
      this.setOpener(conv, now, "REACTION");
    }
    this.touch();
    const payload: Record<string, unknown> =
      ch.platform === "instagram" && action === "unreact" ? { mid: m.id, action } : ch.platform === "instagram" ? { mid: m.id, action, reaction, emoji } : { reaction, emoji, action, mid: m.id };
    this.emit(ch, "message_reactions", { sender: { id: contact.id }, recipient: { id: ch.id }, timestamp: now, reaction: payload }, true);
    this.notify({ type: "message_updated", conversationId: conv.id, messageId: m.id });
    return { channelId: ch.id, platform: ch.platform, contactId: contact.id, conversationId: conv.id, messageId: m.id, timestamp: now };
  }

  customerPostback(target: CustomerTarget & { asUserRef?: boolean }, input: { title: string; payload: string; referral?: Record<string, unknown> }): ActionResult & { userRef: string | null } {
    const { ch, contact } = this.resolveTarget(target, { create: true, userRef: target.asUserRef === true });
    const conv = this.conversationFor(ch, contact, true) as ConversationRec;
    const now = this.now();
    const m = this.world.newMessage({
      id: this.newMid(ch),
      conversationId: conv.id,
      createdTime: now,
      fromPage: false,
      text: input.title,
      referral: input.referral ?? null,
      postback: { title: input.title, payload: input.payload },
      source: "customer",
    });
    this.world.addMessage(conv, m);
    this.setOpener(conv, now, "POSTBACK");
    this.touch();
    const useRef = target.asUserRef === true && contact.userRef !== null;
    const standby = this.threadOwnerOf(ch) === "other";
    const postback: Record<string, unknown> = { title: input.title };
    if (!standby) postback.payload = input.payload; // standby postbacks lack payload
    postback.mid = m.id;
    if (input.referral) postback.referral = input.referral;
    this.emit(ch, "messaging_postbacks", { sender: useRef ? { user_ref: contact.userRef } : { id: contact.id }, recipient: { id: ch.id }, timestamp: now, postback }, true);
    this.notify({ type: "message", conversationId: conv.id, channelId: ch.id, contactId: contact.id, messageId: m.id });
    return { channelId: ch.id, platform: ch.platform, contactId: contact.id, conversationId: conv.id, messageId: m.id, timestamp: now, userRef: contact.userRef };
  }

  customerReferral(target: CustomerTarget, input: { ref?: string; source?: string; adId?: string; adsContextData?: Record<string, unknown> }): ActionResult {
    const { ch, contact } = this.resolveTarget(target);
    const conv = this.conversationFor(ch, contact, true) as ConversationRec;
    const now = this.now();
    const source = input.source ?? (input.adId ? "ADS" : "SHORTLINK");
    const referral: Record<string, unknown> = {};
    if (input.ref !== undefined) referral.ref = input.ref;
    if (input.adId !== undefined) referral.ad_id = input.adId;
    referral.source = source;
    referral.type = "OPEN_THREAD";
    if (input.adsContextData) referral.ads_context_data = input.adsContextData;
    this.setOpener(conv, now, source === "ADS" ? "AD_REFERRAL" : "REFERRAL");
    this.touch();
    this.emit(ch, ch.platform === "messenger" ? "messaging_referrals" : "messaging_referral", { sender: { id: contact.id }, recipient: { id: ch.id }, timestamp: now, referral }, true);
    return { channelId: ch.id, platform: ch.platform, contactId: contact.id, conversationId: conv.id, messageId: null, timestamp: now };
  }

  customerRead(target: CustomerTarget): ActionResult & { watermark: number | null; mid: string | null } {
    const { ch, contact } = this.resolveTarget(target, { create: false });
    const conv = this.world.conversationOfContact(contact.id);
    if (!conv) throw new ControlError(400, "this person has no conversation");
    const now = this.now();
    const lastPage = [...conv.messages].reverse().find((m) => m.fromPage && !m.deleted) ?? null;
    conv.customerReadAt = now;
    conv.customerDeliveredAt = Math.max(conv.customerDeliveredAt, now);
    this.touch();
    if (ch.platform === "messenger") {
      this.emit(ch, "message_reads", { sender: { id: contact.id }, recipient: { id: ch.id }, timestamp: now, read: { watermark: now } }, true);
    } else if (lastPage) {
      this.emit(ch, "messaging_seen", { sender: { id: contact.id }, recipient: { id: ch.id }, timestamp: now, read: { mid: lastPage.id } }, true);
    }
    return { channelId: ch.id, platform: ch.platform, contactId: contact.id, conversationId: conv.id, messageId: lastPage?.id ?? null, timestamp: now, watermark: ch.platform === "messenger" ? now : null, mid: ch.platform === "instagram" ? (lastPage?.id ?? null) : null };
  }

  /** Messenger only: the person's device confirms delivery of the Page's messages up to now. */
  customerDelivery(target: CustomerTarget): ActionResult & { mids: string[] } {
    const { ch, contact } = this.resolveTarget(target, { create: false });
    const conv = this.world.conversationOfContact(contact.id);
    if (!conv) throw new ControlError(400, "this person has no conversation");
    if (ch.platform !== "messenger") throw new ControlError(400, "Instagram has no delivery events");
    const mids = this.deliver(ch, conv, contact);
    return { channelId: ch.id, platform: ch.platform, contactId: contact.id, conversationId: conv.id, messageId: null, timestamp: this.now(), mids };
  }

  private deliver(ch: ChannelRef, conv: ConversationRec, contact: ContactRec): string[] {
    const now = this.now();
    const pending = conv.messages.filter((m) => m.fromPage && !m.deleted && m.createdTime > conv.customerDeliveredAt && m.createdTime <= now);
    if (pending.length === 0) return [];
    const watermark = (pending[pending.length - 1] as MessageRec).createdTime;
    conv.customerDeliveredAt = watermark;
    this.touch();
    const mids = pending.map((m) => m.id);
    this.emit(ch, "message_deliveries", { sender: { id: contact.id }, recipient: { id: ch.id }, delivery: { mids, watermark } }, true);
    return mids;
  }

  customerEdit(target: CustomerTarget, input: { mid: string; text: string }): ActionResult & { numEdit: number } {
    const { ch, contact } = this.resolveTarget(target, { create: false });
    const m = this.world.messages.get(input.mid);
    const conv = this.world.conversationOfContact(contact.id);
    if (!m || !conv || m.conversationId !== conv.id || m.fromPage) throw new ControlError(400, `mid ${input.mid} is not a message this person sent`);
    if (m.editCount >= 5) throw new ControlError(400, "a message can be edited at most 5 times");
    m.editCount++;
    m.text = input.text;
    const now = this.now();
    this.touch();
    this.emit(ch, ch.platform === "messenger" ? "message_edits" : "message_edit", { sender: { id: contact.id }, recipient: { id: ch.id }, timestamp: now, message_edit: { mid: m.id, text: input.text, num_edit: m.editCount } }, true);
    this.notify({ type: "message_updated", conversationId: conv.id, messageId: m.id });
    return { channelId: ch.id, platform: ch.platform, contactId: contact.id, conversationId: conv.id, messageId: m.id, timestamp: now, numEdit: m.editCount };
  }

  customerUnsend(target: CustomerTarget, input: { mid: string }): ActionResult {
    const { ch, contact } = this.resolveTarget(target, { create: false });
    const m = this.world.messages.get(input.mid);
    const conv = this.world.conversationOfContact(contact.id);
    if (!m || !conv || m.conversationId !== conv.id || m.fromPage) throw new ControlError(400, `mid ${input.mid} is not a message this person sent`);
    m.deleted = true;
    const now = this.now();
    this.touch();
    // Instagram reports unsends (`is_deleted`); Messenger has no unsend webhook.
    if (ch.platform === "instagram") this.emit(ch, "messages", { sender: { id: contact.id }, recipient: { id: ch.id }, timestamp: now, message: { mid: m.id, is_deleted: true } }, true);
    this.notify({ type: "message_updated", conversationId: conv.id, messageId: m.id });
    return { channelId: ch.id, platform: ch.platform, contactId: contact.id, conversationId: conv.id, messageId: m.id, timestamp: now };
  }

  // ── Page messages (Send API, other apps) ──────────────────────────────────
  /** Stores a message the Page sent and emits its echo (+ delivery on Messenger). */
  recordPageMessage(
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
      recipientOverride?: Record<string, unknown>;
    },
  ): MessageRec {
    const now = this.now();
    const m = this.world.newMessage({
      id: this.newMid(ch),
      conversationId: conv.id,
      createdTime: now,
      fromPage: true,
      appId: input.appId,
      metadata: input.metadata,
      text: input.text,
      attachments: input.attachments,
      replyTo: input.replyTo,
      messagingType: input.messagingType,
      tag: input.tag,
      source: input.source,
    });
    this.world.addMessage(conv, m);
    conv.pageSeenAt = Math.max(conv.pageSeenAt, now);
    this.touch();
    const contact = this.world.contacts.get(conv.contactId);
    const message: Record<string, unknown> = { is_echo: true };
    const includeAppId = ch.platform === "messenger" || this.config.webhooks.instagramEchoAppId;
    if (includeAppId) message.app_id = Number(input.appId);
    if (input.metadata !== null && includeAppId) message.metadata = input.metadata;
    message.mid = m.id;
    if (m.text !== null) message.text = m.text;
    if (m.attachments.length > 0) message.attachments = this.webhookAttachments(m);
    if (m.replyTo) message.reply_to = { mid: m.replyTo.mid, is_self_reply: m.replyTo.isSelfReply };
    const recipient = input.recipientOverride ?? { id: conv.contactId };
    // Echoes of our own sends always arrive in `messaging`; echoes of other apps' messages follow thread ownership.
    this.emit(ch, ch.platform === "messenger" ? "message_echoes" : "messages", { sender: { id: ch.id }, recipient, timestamp: now, message }, input.appId !== this.config.app.id);
    if (ch.platform === "messenger" && this.config.webhooks.autoDelivery && contact) {
      this.later(this.config.webhooks.autoDeliveryDelayMs, () => {
        if (this.world.conversations.get(conv.id) === conv) this.deliver(ch, conv, contact);
      });
    }
    this.notify({ type: "message", conversationId: conv.id, channelId: ch.id, contactId: conv.contactId, messageId: m.id });
    return m;
  }

  otherAppSend(input: { channelId: string; contactId: string; text?: string; attachments?: CustomerAttachmentInput[]; appId?: string }): ActionResult {
    const ch = this.channelById(input.channelId);
    if (!ch) throw new ControlError(404, `no Page or Instagram account ${input.channelId}`);
    const contact = this.world.contacts.get(input.contactId);
    if (!contact || contact.channelId !== ch.id) throw new ControlError(404, `no person ${input.contactId} on ${ch.id}`);
    const conv = this.conversationFor(ch, contact, true) as ConversationRec;
    const appId = input.appId ?? PAGE_INBOX_APP_ID;
    if (!/^\d+$/.test(appId) || BigInt(appId) >= 2n ** 53n) throw new ControlError(400, "appId must be numeric and below 2^53");
    const atts = (input.attachments ?? []).map((a) => this.newAttachment(a.type, { ...(a.url !== undefined ? { url: a.url } : {}), ...(a.name !== undefined ? { name: a.name } : {}) }));
    if (!input.text && atts.length === 0) throw new ControlError(400, "text or attachments required");
    const m = this.recordPageMessage(ch, conv, {
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

  // ── time manipulation ─────────────────────────────────────────────────────
  /**
   * Rewrites a conversation's history so the person's last window-opening action was `agoMs` ago; every
   * message moves by the same delta (order kept), nothing ends up in the future.
   */
  setConversationAge(convId: string, agoMs: number): ConversationRec {
    const conv = this.world.conversations.get(convId);
    if (!conv) throw new ControlError(404, `no conversation ${convId}`);
    const now = this.now();
    const lastInbound = [...conv.messages].reverse().find((m) => !m.fromPage);
    const anchor = conv.lastOpenerAt ?? lastInbound?.createdTime ?? conv.updatedTime;
    const delta = now - agoMs - anchor;
    for (const m of conv.messages) m.createdTime += delta;
    if (conv.lastOpenerAt !== null) conv.lastOpenerAt += delta;
    else if (lastInbound) {
      conv.lastOpenerAt = lastInbound.createdTime;
      conv.lastOpenerKind = "MESSAGE";
    }
    conv.pageSeenAt = conv.pageSeenAt > 0 ? conv.pageSeenAt + delta : 0;
    conv.customerReadAt = conv.customerReadAt > 0 ? conv.customerReadAt + delta : 0;
    conv.customerDeliveredAt = conv.customerDeliveredAt > 0 ? conv.customerDeliveredAt + delta : 0;
    // Page messages after the opener may now lie in the future: pull them back to just before now.
    const future = conv.messages.filter((m) => m.createdTime > now);
    future.forEach((m, i) => {
      m.createdTime = now - (future.length - i);
    });
    this.world.resortMessages(conv);
    this.touch();
    return conv;
  }

  conversationAgeHours(conv: ConversationRec): number | null {
    return conv.lastOpenerAt === null ? null : (this.now() - conv.lastOpenerAt) / HOUR;
  }
}

function sameScopes(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ControlError";
  }
}
