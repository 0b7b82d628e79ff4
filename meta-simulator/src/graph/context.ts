// Request context shared by the Graph handlers: parameters (query + body; object params in a query or form
// body are Graph's loose JSON or PHP-style keys), the resolved token, usage tracking for the
// X-Business-Use-Case-Usage header, paging.

import { createHmac, timingSafeEqual } from "node:crypto";
import { Errors } from "../errors";
import { parseFields, type FieldSpec } from "../fields";
import { foldBracketed, parseLooseJson } from "./params";
import type { LimitKind } from "../ratelimit";
import type { ChannelRef, Simulator } from "../simulator";
import type { PageRec, TokenRec } from "../world";

export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface GraphRequest {
  method: string;
  /** Path without the version prefix, starting with "/". */
  path: string;
  version: string | null;
  query: Record<string, string>;
  body: Record<string, unknown>;
  headers: Record<string, string | undefined>;
  via: "http" | "batch";
  files: UploadedFile[];
  /** `http://<Host header>` of the incoming request: paging links point back where the client came from. */
  baseUrl?: string;
  /**
   * Which Graph host the call came to: graph.facebook.com (Facebook Login tokens) or graph.instagram.com
   * (Instagram Login tokens; served under the `/ig-graph` prefix). Default facebook.
   */
  surface?: GraphSurface;
}

export type GraphSurface = "facebook" | "instagram";

/** Path prefix of graph.instagram.com on the simulator's one port (README "Instagram Login"). */
export const INSTAGRAM_GRAPH_PREFIX = "/ig-graph";

export interface GraphResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  /** Timeout fault: the work was done but no answer is ever sent. */
  hang?: boolean;
  /** Send log bookkeeping. */
  sendLog?: { objectId: string | null; platform: "messenger" | "instagram" | null; request: Record<string, unknown>; messageId: string | null; fault: string | null };
}

export type UsageType = "messenger" | "instagram" | "pages";

export class GraphContext {
  token: TokenRec | null = null;
  tokenString: string | null = null;
  readonly usage = new Map<string, Map<UsageType, LimitKind[]>>();
  readonly version: string;
  readonly surface: GraphSurface;

  constructor(
    readonly sim: Simulator,
    readonly req: GraphRequest,
  ) {
    this.version = req.version ?? sim.config.defaultVersion;
    this.surface = req.surface ?? "facebook";
  }

  // ── parameters ────────────────────────────────────────────────────────────
  raw(name: string): unknown {
    if (Object.prototype.hasOwnProperty.call(this.req.body, name)) return this.req.body[name];
    if (Object.prototype.hasOwnProperty.call(this.req.query, name)) return this.req.query[name];
    return undefined;
  }

  has(name: string): boolean {
    const v = this.raw(name);
    return v !== undefined && v !== null && v !== "";
  }

  str(name: string): string | undefined {
    const v = this.raw(name);
    if (v === undefined || v === null) return undefined;
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    return JSON.stringify(v);
  }

  /**
   * Object/array parameter: a JSON value in a JSON body; in a query or form body a string in Graph's loose
   * JSON (graph/params.ts) or PHP-style keys (`recipient[id]=…`). A string that does not parse stays a string:
   * the typed check of the parameter then refuses it the way Graph does.
   */
  json(name: string): unknown {
    const raw = this.raw(name);
    const v = raw === undefined ? foldBracketed(name, [this.req.query, this.req.body]) : raw;
    if (typeof v !== "string") return v;
    const t = v.trim();
    if (!t.startsWith("{") && !t.startsWith("[")) return v;
    const parsed = parseLooseJson(t);
    return parsed.ok ? parsed.value : v;
  }

  /** All parameters as received (object params parsed), for the send log. */
  allParams(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const k of new Set([...Object.keys(this.req.query), ...Object.keys(this.req.body)])) {
      if (k === "access_token" || k === "appsecret_proof") continue;
      out[k] = this.json(k);
    }
    return out;
  }

  fields(): FieldSpec[] | undefined {
    return parseFields(this.str("fields"));
  }

  limitParam(def: number, max: number): number {
    const s = this.str("limit");
    if (s === undefined) return def;
    const n = Number.parseInt(s, 10);
    if (!Number.isFinite(n) || n < 0) throw Errors.paramInvalid("Param limit must be a non-negative integer");
    return Math.min(Math.max(n, 1), max);
  }

  // ── auth ──────────────────────────────────────────────────────────────────
  /** Finds the token (query, body, Authorization header), validates it and appsecret_proof. */
  authenticate(): TokenRec {
    if (this.token) return this.token;
    let token = this.str("access_token");
    if (!token) {
      const auth = this.req.headers["authorization"];
      const m = auth ? /^(?:Bearer|OAuth)\s+(.+)$/i.exec(auth.trim()) : null;
      if (m) token = (m[1] as string).trim();
    }
    if (!token) throw Errors.missingToken();
    // Meta accepts app tokens "APPID|SECRET"; the simulator has no app-token endpoints.
    const rec = this.sim.resolveToken(token);
    // Each host parses only its own tokens: Instagram User tokens work on graph.instagram.com only, Facebook
    // user and Page tokens on graph.facebook.com only.
    if ((rec.kind === "instagram") !== (this.surface === "instagram")) throw Errors.invalidToken();
    const proof = this.str("appsecret_proof");
    if (proof !== undefined) {
      const expected = createHmac("sha256", this.sim.config.app.secret).update(token).digest("hex");
      const a = Buffer.from(proof.toLowerCase());
      const b = Buffer.from(expected);
      if (a.length !== b.length || !timingSafeEqual(a, b)) throw Errors.invalidAppsecretProof();
    } else if (this.sim.config.app.requireAppsecretProof) {
      throw Errors.appsecretProofRequired();
    }
    this.token = rec;
    this.tokenString = token;
    return rec;
  }

  pageOfToken(): PageRec | null {
    const t = this.authenticate();
    if (t.kind !== "page" || !t.pageId) return null;
    return this.sim.world.pages.get(t.pageId) ?? null;
  }

  /** The Page behind a Page token; user tokens get Meta's "must be called with a Page Access Token". */
  requirePage(): PageRec {
    const page = this.pageOfToken();
    if (!page) throw Errors.pageTokenRequired();
    return page;
  }

  /** Whether the token may read/act on this Page (Page token of that Page, or a user token granted it). */
  canAccessPage(page: PageRec): boolean {
    const t = this.authenticate();
    if (t.kind === "instagram") return page.igAccountId !== null && t.igAccountId === page.igAccountId;
    if (t.kind === "page") return t.pageId === page.id;
    return t.grantedPageIds === null || t.grantedPageIds.includes(page.id);
  }

  /** Page-token access to a channel (Page, or IG account through its linked Page). */
  requireChannelAccess(ch: ChannelRef, method: string, id: string): void {
    const t = this.authenticate();
    if (t.kind === "instagram") {
      if (!ch.ig || t.igAccountId !== ch.ig.id) throw Errors.unsupportedRequest(method, id);
      return;
    }
    if (t.kind !== "page") throw Errors.pageTokenRequired();
    if (t.pageId !== ch.page.id) throw Errors.unsupportedRequest(method, id);
  }

  /** Permissions the token must carry (OAuth tokens get what the dialog asked for; dataset tokens have all). */
  requireScopes(scopes: readonly string[]): void {
    const t = this.authenticate();
    for (const s of scopes) {
      if (!t.scopes.includes(s)) throw Errors.missingPermission(s);
    }
  }

  /** Conversations API permissions per REFERENCE §2 (Instagram Login: its own `instagram_business_*` scopes). */
  requireConversationScopes(ch: ChannelRef): void {
    if (this.authenticate().kind === "instagram") return this.requireScopes(["instagram_business_basic", "instagram_business_manage_messages"]);
    this.requireScopes(ch.platform === "instagram" ? ["instagram_basic", "instagram_manage_messages", "pages_manage_metadata"] : ["pages_manage_metadata", "pages_read_engagement", "pages_messaging"]);
  }

  /** The permission sending / reading people needs on this channel, by the kind of token. */
  messagingScope(ch: ChannelRef): string {
    if (this.authenticate().kind === "instagram") return "instagram_business_manage_messages";
    return ch.platform === "instagram" ? "instagram_manage_messages" : "pages_messaging";
  }

  // ── rate limits and usage ─────────────────────────────────────────────────
  /** Takes a token from the object's bucket or throws the matching throttling error. */
  limit(objectId: string, kind: LimitKind, type: UsageType): void {
    this.noteUsage(objectId, type, kind);
    const r = this.sim.limiter.take(objectId, kind);
    if (r.ok) return;
    if (kind === "conversations") throw Errors.conversationsRateLimit();
    if (kind === "pages") throw Errors.pagesRateLimit();
    throw type === "instagram" ? Errors.instagramRateLimit() : Errors.messengerRateLimit();
  }

  noteUsage(objectId: string, type: UsageType, kind: LimitKind): void {
    let byType = this.usage.get(objectId);
    if (!byType) {
      byType = new Map();
      this.usage.set(objectId, byType);
    }
    const kinds = byType.get(type) ?? [];
    if (!kinds.includes(kind)) kinds.push(kind);
    byType.set(type, kinds);
  }

  usageHeaders(): Record<string, string> {
    const headers: Record<string, string> = {};
    const appPct = Math.min(100, Math.round((100 * this.sim.appUsage.callsLastHour()) / Math.max(1, this.sim.config.limits.appCallsPerHour)));
    headers["x-app-usage"] = JSON.stringify({ call_count: appPct, total_time: Math.round(appPct / 2), total_cputime: Math.round(appPct / 3) });
    if (this.token?.kind !== "page" && this.usage.size === 0) return headers;
    const buc: Record<string, unknown[]> = {};
    const page = this.token?.kind === "page" && this.token.pageId ? this.token.pageId : null;
    if (page && !this.usage.has(page)) this.noteUsage(page, "pages", "pages");
    for (const [objectId, byType] of this.usage) {
      const list: unknown[] = [];
      for (const [type, kinds] of byType) {
        let pct = 0;
        let regainMs = 0;
        for (const k of kinds) {
          const p = this.sim.limiter.peek(objectId, k);
          if (!p) continue;
          pct = Math.max(pct, p.usagePercent);
          regainMs = Math.max(regainMs, p.retryAfterMs);
        }
        list.push({
          type,
          call_count: pct,
          total_cputime: Math.round(pct / 4),
          total_time: Math.round(pct / 3),
          estimated_time_to_regain_access: regainMs > 0 ? Math.ceil(regainMs / 60_000) : 0,
        });
      }
      buc[objectId] = list;
    }
    headers["x-business-use-case-usage"] = JSON.stringify(buc);
    return headers;
  }

  // ── links ─────────────────────────────────────────────────────────────────
  /** Absolute link to another Graph page, carrying the token like Meta's paging links. */
  link(objectPath: string, params: Record<string, string>): string {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) qs.set(k, v);
    if (this.tokenString && !qs.has("access_token")) qs.set("access_token", this.tokenString);
    const proof = this.str("appsecret_proof");
    if (proof && !qs.has("appsecret_proof")) qs.set("appsecret_proof", proof);
    const prefix = this.surface === "instagram" ? INSTAGRAM_GRAPH_PREFIX : "";
    return `${this.sim.baseUrl()}${prefix}/${this.version}/${objectPath.replace(/^\/+/, "")}?${qs.toString()}`;
  }

  /** The current request's query parameters minus paging ones, for next/previous links. */
  carriedParams(): Record<string, string> {
    const out: Record<string, string> = {};
    const source: Record<string, unknown> = { ...this.req.query, ...(this.req.method === "GET" ? this.req.body : {}) };
    for (const [k, v] of Object.entries(source)) {
      if (k === "after" || k === "before" || k === "limit") continue;
      if (typeof v === "string") out[k] = v;
      else if (typeof v === "number" || typeof v === "boolean") out[k] = String(v);
    }
    return out;
  }
}

// ── cursors ─────────────────────────────────────────────────────────────────
/** Opaque cursor: standard base64 (with `=`), like Meta's. */
export function encodeCursor(key: string): string {
  return Buffer.from(`sim1|${key}`).toString("base64");
}

function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, "base64").toString("utf8");
  if (!text.startsWith("sim1|")) throw Errors.cursorOverrun();
  return text.slice(5);
}

export interface PageSlice<T> {
  items: T[];
  /** Index of the first returned item in the full list. */
  start: number;
  hasNext: boolean;
  hasPrevious: boolean;
}

/**
 * Keyset paging over a sorted list. `position(key)` returns the index of the first item that sorts
 * strictly after the cursor key (so `after` continues there and `before` ends there).
 */
export function keysetPage<T>(
  items: readonly T[],
  limit: number,
  after: string | undefined,
  before: string | undefined,
  position: (key: string, inclusive: boolean) => number,
  maxDepth: number | null,
): PageSlice<T> {
  let start = 0;
  let end: number;
  if (after !== undefined && after !== "") {
    start = position(decodeCursor(after), false);
    end = Math.min(items.length, start + limit);
  } else if (before !== undefined && before !== "") {
    end = position(decodeCursor(before), true);
    start = Math.max(0, end - limit);
  } else {
    end = Math.min(items.length, limit);
  }
  if (maxDepth !== null && start > maxDepth) throw Errors.cursorOverrun();
  return { items: items.slice(start, end), start, hasNext: end < items.length, hasPrevious: start > 0 };
}

/** Binary search: first index i in [0, n) with pred(i) true, pred monotone false→true. */
export function firstIndex(n: number, pred: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
