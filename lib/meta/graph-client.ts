// A typed client for Meta's Graph API. The base URL and version come from configuration; the same code talks
// to graph.facebook.com in production and to the local simulator in development and tests.
//
// - the Page (or user) token is passed per call, as a bearer header, with `appsecret_proof`;
// - cursor paging follows `paging.next` until it is absent (short pages may still have one);
// - transient failures (5xx, timeouts, codes 1, 2, 4, 17, 32, 613, 8000x) are retried with exponential backoff
//   and full jitter — GETs by default; POSTs only when the caller says the call is safe to repeat;
// - usage headers slow the owner (Page / IG account) down before the limit, and Meta's
//   `estimated_time_to_regain_access` pauses it;
// - an optional Pacer spaces calls per owner (the Conversations API allows 2 calls/s per Page).
//
// No Next or Prisma imports: scripts and benchmarks use it too.
import { createHmac } from "node:crypto";
import { GraphApiError, GraphNetworkError, isGraphApiError, isTransientGraphError, parseGraphError } from "./graph-error";
import { realClock, type PacerClock, type PacerLike } from "./pacer";
import { readUsage, usageDelayMs, type UsageReading } from "./usage";

export interface GraphPaging {
  cursors?: { before?: string; after?: string };
  next?: string;
  previous?: string;
}

export interface GraphList<T> {
  data: T[];
  paging?: GraphPaging;
}

export interface GraphCallInfo {
  method: string;
  path: string;
  owner: string | null;
  status: number | null;
  durationMs: number;
  attempt: number;
  usage: UsageReading | null;
  error: Error | null;
}

export interface GraphClientOptions {
  baseUrl: string;
  version: string;
  /** Adds appsecret_proof to every call that carries a token. */
  appSecret?: string;
  timeoutMs?: number;
  /** Backoff for transient failures: delay = random(0, min(maxDelayMs, baseDelayMs · 2^attempt)). */
  backoff?: { baseDelayMs: number; maxDelayMs: number };
  /** Spaces calls per owner; without it only usage headers and throttle errors pause an owner. */
  pacer?: PacerLike;
  clock?: PacerClock;
  random?: () => number;
  fetch?: typeof fetch;
  onCall?: (info: GraphCallInfo) => void;
}

export interface GraphRequest {
  method?: "GET" | "POST" | "DELETE";
  /** "me/messages", "123/conversations", or an absolute `paging.next` URL from the same Graph host. */
  path: string;
  token?: string;
  params?: Record<string, string | number | boolean | undefined>;
  /** JSON body (POST). */
  body?: unknown;
  /** Form body (POST), e.g. for batch. */
  form?: Record<string, string>;
  /** Page or IG account the call counts against, for pacing and usage pauses. */
  owner?: string;
  /** Extra attempts for transient failures. Default: 3 for GET, 0 for POST/DELETE. */
  retries?: number;
  timeoutMs?: number;
  /** Skip the Pacer for this call (sender actions must never wait behind a backfill). */
  unpaced?: boolean;
}

export interface BatchItem {
  method: "GET" | "POST" | "DELETE";
  relativeUrl: string;
  /** Form-encoded body of the item (Meta's batch format), built from these fields (objects are JSON-encoded). */
  body?: Record<string, unknown>;
  name?: string;
}

export type BatchResult<T = unknown> = { ok: true; status: number; data: T } | { ok: false; status: number | null; error: GraphApiError };

export function appSecretProof(token: string, appSecret: string): string {
  return createHmac("sha256", appSecret).update(token).digest("hex");
}

/** "messages.limit(20){id,message}" — a field expansion of an edge. */
export function expand(edge: string, fields: string[], options: { limit?: number; after?: string } = {}): string {
  let out = edge;
  if (options.limit !== undefined) out += `.limit(${options.limit})`;
  if (options.after !== undefined) out += `.after(${options.after})`;
  return `${out}{${fields.join(",")}}`;
}

export class GraphClient {
  private readonly root: URL;
  private readonly clock: PacerClock;
  private readonly random: () => number;
  private readonly fetchImpl: typeof fetch;
  private readonly backoff: { baseDelayMs: number; maxDelayMs: number };

  constructor(private readonly options: GraphClientOptions) {
    this.root = new URL(`${options.baseUrl.replace(/\/+$/, "")}/${options.version}/`);
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? Math.random;
    this.fetchImpl = options.fetch ?? fetch;
    this.backoff = options.backoff ?? { baseDelayMs: 500, maxDelayMs: 30_000 };
  }

  get<T>(path: string, request: Omit<GraphRequest, "path" | "method"> = {}): Promise<T> {
    return this.request<T>({ ...request, path, method: "GET" });
  }

  post<T>(path: string, request: Omit<GraphRequest, "path" | "method"> = {}): Promise<T> {
    return this.request<T>({ ...request, path, method: "POST" });
  }

  /** Yields every page of a list edge, following `paging.next` until Meta stops giving one. */
  async *pages<T>(path: string, request: Omit<GraphRequest, "path" | "method"> = {}): AsyncGenerator<GraphList<T>> {
    let next: GraphRequest | null = { ...request, path, method: "GET" };
    while (next) {
      const page: GraphList<T> = await this.request<GraphList<T>>(next);
      yield page;
      next = page.paging?.next ? { ...request, path: page.paging.next, params: undefined, method: "GET" } : null;
    }
  }

  /** Meta's batch endpoint: ≤ 50 items, each counted as a call; results in request order. */
  async batch<T = unknown>(items: BatchItem[], request: { token: string; owner?: string; retries?: number }): Promise<BatchResult<T>[]> {
    if (items.length === 0) return [];
    if (items.length > 50) throw new Error("a Graph batch holds at most 50 items");
    const batch = items.map((item) => ({
      method: item.method,
      relative_url: item.relativeUrl,
      ...(item.name ? { name: item.name } : {}),
      ...(item.body ? { body: formEncode(item.body) } : {}),
    }));
    const raw = await this.request<({ code: number; body: string } | null)[]>({
      method: "POST",
      path: "",
      token: request.token,
      owner: request.owner,
      retries: request.retries ?? 0,
      form: { batch: JSON.stringify(batch), include_headers: "false" },
    });
    // An item Meta left out (timed out: null, or missing from a short answer) can be tried again.
    return items.map((_, i): BatchResult<T> => {
      const item = raw[i];
      if (!item) return { ok: false, status: null, error: new GraphApiError(504, { message: "batch item timed out", code: 2 }) };
      if (item.code >= 200 && item.code < 300) return { ok: true, status: item.code, data: JSON.parse(item.body) as T };
      return { ok: false, status: item.code, error: parseGraphError(item.code, typeof item.body === "string" ? item.body : JSON.stringify(item.body)) };
    });
  }

  async request<T>(request: GraphRequest): Promise<T> {
    const method = request.method ?? "GET";
    const retries = request.retries ?? (method === "GET" ? 3 : 0);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once<T>(request, method, attempt);
      } catch (error) {
        if (attempt >= retries || !isTransientGraphError(error)) throw error;
        const exponential = Math.min(this.backoff.maxDelayMs, this.backoff.baseDelayMs * 2 ** attempt);
        const retryAfter = isGraphApiError(error) ? (error.retryAfterMs ?? 0) : 0;
        await this.clock.sleep(Math.max(retryAfter, Math.floor(this.random() * exponential)));
      }
    }
  }

  private buildUrl(request: GraphRequest): URL {
    // An absolute URL (a `paging.next`) ignores the base; a relative path resolves under the version.
    const url = new URL(request.path.replace(/^\/+/, ""), this.root);
    // Tokens only ever go to the configured Graph host, whatever a paging URL says.
    if (url.host !== this.root.host) throw new Error(`refusing to call ${url.host}: not the configured Graph host`);
    url.searchParams.delete("access_token");
    url.searchParams.delete("appsecret_proof");
    for (const [key, value] of Object.entries(request.params ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    if (request.token && this.options.appSecret) url.searchParams.set("appsecret_proof", appSecretProof(request.token, this.options.appSecret));
    return url;
  }

  private async once<T>(request: GraphRequest, method: string, attempt: number): Promise<T> {
    const owner = request.owner ?? null;
    if (owner && this.options.pacer && !request.unpaced) await this.options.pacer.acquire(owner);
    const url = this.buildUrl(request);
    const headers: Record<string, string> = { accept: "application/json" };
    if (request.token) headers.authorization = `Bearer ${request.token}`;
    let body: string | undefined;
    if (request.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams({ ...request.form, ...(request.token ? { access_token: request.token } : {}) }).toString();
    } else if (request.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(request.body);
    }

    const started = this.clock.now();
    const info: GraphCallInfo = { method, path: url.pathname, owner, status: null, durationMs: 0, attempt, usage: null, error: null };
    try {
      let response: Response;
      try {
        response = await this.fetchImpl(url, {
          method,
          headers,
          body,
          signal: AbortSignal.timeout(request.timeoutMs ?? this.options.timeoutMs ?? 20_000),
        });
      } catch (error) {
        const timedOut = (error as Error).name === "TimeoutError" || (error as Error).name === "AbortError";
        throw new GraphNetworkError(
          timedOut ? `Graph ${method} ${url.pathname} timed out` : `Graph ${method} ${url.pathname} failed: ${(error as Error).message}`,
          timedOut,
          { cause: error },
        );
      }
      info.status = response.status;
      const usage = readUsage(response.headers);
      info.usage = usage;
      // A served call proves the owner is not blocked: slow down by the usage counters. Meta's regain estimate
      // (whole minutes, even when the bucket frees within a second) stops the owner only when a call is refused
      // (below) — a served call carrying it once paused a backfill or a lookup for a full minute.
      if (owner && this.options.pacer) this.options.pacer.pause(owner, usageDelayMs(response.ok ? { ...usage, regainAccessMs: 0 } : usage));
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        // The answer broke off (or the timeout fired) while its body was arriving: no usable answer.
        throw new GraphNetworkError(`Graph ${method} ${url.pathname}: the answer broke off (${(error as Error).message})`, (error as Error).name === "TimeoutError", {
          cause: error,
        });
      }
      if (!response.ok) {
        const error = parseGraphError(response.status, text, usage.regainAccessMs || null);
        if (owner && this.options.pacer && error.isRateLimit) this.options.pacer.pause(owner, Math.max(usage.regainAccessMs, 1_000));
        throw error;
      }
      let parsed: T & { error?: unknown };
      try {
        parsed = text ? (JSON.parse(text) as T & { error?: unknown }) : ({} as T & { error?: unknown });
      } catch {
        // A success status with a body that is not JSON: Meta may have acted, but said nothing we can read.
        throw new GraphNetworkError(`Graph ${method} ${url.pathname} answered HTTP ${response.status} with a body that is not JSON`, false);
      }
      if (parsed && typeof parsed === "object" && "error" in parsed && parsed.error && !Array.isArray(parsed)) {
        throw parseGraphError(response.status, text);
      }
      return parsed;
    } catch (error) {
      info.error = error as Error;
      throw error;
    } finally {
      info.durationMs = this.clock.now() - started;
      this.options.onCall?.(info);
    }
  }
}

function formEncode(fields: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    params.set(key, typeof value === "string" ? value : JSON.stringify(value));
  }
  return params.toString();
}
