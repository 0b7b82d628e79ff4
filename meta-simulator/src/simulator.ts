// The simulator's state and core: configuration, clock, the world (what Meta holds), channels, ids, logs,
// events for the customer page, timers. The rules that change the world live in their own modules —
// tokens.ts, customer-actions.ts, page-messages.ts, webhook-payloads.ts, conversation-age.ts,
// persistence.ts — and the class exposes them as methods (the in-process API tests use: `sim.sim`).
// HTTP lives in server.ts; the Graph API in graph/*; the control API in control.ts.

import { SimClock, type ClockState } from "./clock";
import { DEFAULT_CONFIG, mergeConfig, validateConfig, type DeepPartial, type SimulatorConfig } from "./config";
import { conversationAgeHours, setConversationAge } from "./conversation-age";
import {
  customerDelivery,
  customerEdit,
  customerMessage,
  customerPostback,
  customerReaction,
  customerRead,
  customerReferral,
  customerUnsend,
  type ActionResult,
  type CustomerAttachmentInput,
  type CustomerTarget,
} from "./customer-actions";
import { addInstagramLoginAccount, buildDataset, type DatasetSpec, type InstagramLoginAccountSpec } from "./datasets";
import { FaultInjector } from "./faults";
import type { IdFactory } from "./ids";
import { otherAppSend, recordPageMessage } from "./page-messages";
import { exportState, importState, type PersistedState } from "./persistence";
import { AppUsage, RateLimiter, type LimitKind } from "./ratelimit";
import { Rng } from "./rng";
import { invalidatePageTokens, invalidateToken, issueInstagramToken, issueUserToken, pageTokenFor, resolveToken } from "./tokens";
import { emit, isSubscribed, webhookAttachments } from "./webhook-payloads";
import { WebhookDispatcher } from "./webhooks";
import type { AttachmentRec, AttachmentType, ContactRec, ConversationRec, IgAccountRec, MessageRec, PageRec, Platform, TokenRec, World } from "./world";

export { ControlError } from "./control-error";
export { REACTION_NAMES, type ActionResult, type CustomerAttachmentInput, type CustomerTarget } from "./customer-actions";
export type { PersistedState } from "./persistence";
export { INSTAGRAM_FIELD_ALIASES, SUBSCRIBABLE_FIELDS } from "./webhook-payloads";

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
  /** Which Graph host the call came to (graph.instagram.com = the `/ig-graph` prefix). */
  host: GraphHost;
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
  /** Which Graph host the call came to (graph.instagram.com = the `/ig-graph` prefix). */
  host: GraphHost;
}

export type GraphHost = "graph.facebook.com" | "graph.instagram.com";

export interface OAuthCodeRec {
  code: string;
  clientId: string;
  redirectUri: string;
  pageIds: string[];
  scopes: string[];
  createdAt: number;
  used: boolean;
  /** Instagram Login: the professional account the person logged in with (code for api.instagram.com). */
  igAccountId?: string;
}

export type SimEvent =
  | { type: "message"; conversationId: string; channelId: string; contactId: string; messageId: string }
  | { type: "message_updated"; conversationId: string; messageId: string }
  | { type: "reset" }
  | { type: "webhook"; outcome: string };

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
  /** Times of Instagram private replies per Page (the 750/h limit). */
  readonly privateReplyLog = new Map<string, number[]>();
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
    this.limiter = new RateLimiter(
      () => ({
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
      }),
      init.rateLimitClock,
    );
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

  // ── datasets ──────────────────────────────────────────────────────────────
  loadDataset(spec: DatasetSpec, anchor?: number): void {
    const built = buildDataset(spec, { anchor: anchor ?? this.now(), appId: this.config.app.id });
    this.world = built.world;
    this.ids = built.ids;
    this.userToken = built.userToken;
    this.dataset = { spec, loadedAt: anchor ?? this.now() };
    this.sendLog = [];
    this.requestLog = [];
    this.oauthCodes.clear();
    this.privateReplyLog.clear();
    this.limiter.reset();
    this.webhooks.clearLog();
    this.faults.clear();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.touch();
    this.notify({ type: "reset" });
  }

  // ── events for the customer page (SSE) ────────────────────────────────────
  subscribe(fn: (e: SimEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Tells the customer page (SSE) what changed. */
  notify(e: SimEvent): void {
    for (const fn of this.listeners) {
      try {
        fn(e);
      } catch {
        /* listener errors never break the simulation */
      }
    }
  }

  /** Runs `fn` after `ms` unless the simulator is reset or closed first. */
  later(ms: number, fn: () => void): void {
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

  // ── windows ───────────────────────────────────────────────────────────────
  /** Milliseconds since the person's last window-opening action (Infinity if never). */
  sinceOpener(conv: ConversationRec): number {
    return conv.lastOpenerAt === null ? Number.POSITIVE_INFINITY : this.now() - conv.lastOpenerAt;
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

  newMid(ch: ChannelRef): string {
    return ch.platform === "messenger" ? this.ids.messengerMid() : this.ids.instagramMid(ch.id);
  }

  /** A new message of `conv` created at `at` (a fresh mid of the channel), stored in its place in the thread. */
  addMessageAt(ch: ChannelRef, conv: ConversationRec, at: number, fields: Pick<MessageRec, "fromPage" | "source"> & Partial<MessageRec>): MessageRec {
    const m = this.world.newMessage({ ...fields, id: this.newMid(ch), conversationId: conv.id, createdTime: at });
    this.world.addMessage(conv, m);
    return m;
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

  // ── the rules, as methods (tokens.ts, customer-actions.ts, page-messages.ts, webhook-payloads.ts, …) ──
  resolveToken(token: string): TokenRec {
    return resolveToken(this, token);
  }
  issueUserToken(scopes: string[], pageIds: string[] | null, ttlMs: number): TokenRec {
    return issueUserToken(this, scopes, pageIds, ttlMs);
  }
  pageTokenFor(page: PageRec, viaUserToken?: TokenRec): string {
    return pageTokenFor(this, page, viaUserToken);
  }
  issueInstagramToken(igAccountId: string, scopes: string[], longLived: boolean): TokenRec {
    return issueInstagramToken(this, igAccountId, scopes, longLived);
  }
  addInstagramLoginAccount(spec: InstagramLoginAccountSpec): IgAccountRec {
    const ig = addInstagramLoginAccount(this.world, this.ids, { anchor: this.now(), appId: this.config.app.id }, spec);
    this.touch();
    return ig;
  }
  invalidatePageTokens(pageId: string): string[] {
    return invalidatePageTokens(this, pageId);
  }
  invalidateToken(token: string): boolean {
    return invalidateToken(this, token);
  }
  exportState(): PersistedState {
    return exportState(this);
  }
  importState(state: PersistedState, opts: { keepApp?: boolean } = {}): void {
    importState(this, state, opts);
  }
  isSubscribed(ch: ChannelRef, field: string): boolean {
    return isSubscribed(this, ch, field);
  }
  emit(ch: ChannelRef, field: string, item: Record<string, unknown>, standbyEligible: boolean): void {
    emit(this, ch, field, item, standbyEligible);
  }
  webhookAttachments(m: MessageRec): Array<Record<string, unknown>> {
    return webhookAttachments(this, m);
  }
  customerMessage(target: CustomerTarget, input: Parameters<typeof customerMessage>[2]): ActionResult {
    return customerMessage(this, target, input);
  }
  customerReaction(target: CustomerTarget, input: Parameters<typeof customerReaction>[2]): ActionResult {
    return customerReaction(this, target, input);
  }
  customerPostback(target: CustomerTarget & { asUserRef?: boolean }, input: Parameters<typeof customerPostback>[2]): ReturnType<typeof customerPostback> {
    return customerPostback(this, target, input);
  }
  customerReferral(target: CustomerTarget, input: Parameters<typeof customerReferral>[2]): ActionResult {
    return customerReferral(this, target, input);
  }
  customerRead(target: CustomerTarget): ReturnType<typeof customerRead> {
    return customerRead(this, target);
  }
  customerDelivery(target: CustomerTarget): ReturnType<typeof customerDelivery> {
    return customerDelivery(this, target);
  }
  customerEdit(target: CustomerTarget, input: { mid: string; text: string }): ReturnType<typeof customerEdit> {
    return customerEdit(this, target, input);
  }
  customerUnsend(target: CustomerTarget, input: { mid: string }): ActionResult {
    return customerUnsend(this, target, input);
  }
  recordPageMessage(ch: ChannelRef, conv: ConversationRec, input: Parameters<typeof recordPageMessage>[3]): MessageRec {
    return recordPageMessage(this, ch, conv, input);
  }
  otherAppSend(input: { channelId: string; contactId: string; text?: string; attachments?: CustomerAttachmentInput[]; appId?: string }): ActionResult {
    return otherAppSend(this, input);
  }
  setConversationAge(convId: string, agoMs: number): ConversationRec {
    return setConversationAge(this, convId, agoMs);
  }
  conversationAgeHours(conv: ConversationRec): number | null {
    return conversationAgeHours(this, conv);
  }
}
