// Test helpers: an in-process simulator with fast webhook settings, a webhook receiver that keeps raw
// bytes, a Graph fetch helper and a structural shape comparison for the fixture corpus.

import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { startSimulator, type RunningSimulator, type StartOptions } from "../index";
import type { DeepPartial, SimulatorConfig } from "../src/config";

export const APP_ID = "1517776481860111";
export const APP_SECRET = "test-app-secret-0123456789";
export const VERIFY_TOKEN = "test-verify-token";
export const FIXTURES = join(import.meta.dirname, "..", "fixtures");
/** A fixed simulated "now" so ages and boundaries are exact. */
export const T0 = Date.parse("2026-11-20T12:00:00.000Z");

export function fixture<T = unknown>(rel: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, rel), "utf8")) as T;
}

// ── webhook receiver ────────────────────────────────────────────────────────
export interface ReceivedPost {
  raw: Buffer;
  body: unknown;
  headers: IncomingMessage["headers"];
  at: number;
}

export interface Receiver {
  url: string;
  posts: ReceivedPost[];
  verifications: URLSearchParams[];
  /** Status codes to answer the next POSTs with (then 200). */
  failNext(...statuses: number[]): void;
  /** Delay before answering POSTs (ms). */
  delayMs: number;
  /** All messaging/standby items received, in arrival order, with their envelope info. */
  items(): Array<{ object: string; entryId: string; placement: string; item: Record<string, unknown> }>;
  waitFor(pred: (r: Receiver) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(verifyToken = VERIFY_TOKEN): Promise<Receiver> {
  const posts: ReceivedPost[] = [];
  const verifications: URLSearchParams[] = [];
  const failQueue: number[] = [];
  const state = { delayMs: 0 };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (req.method === "GET") {
      verifications.push(url.searchParams);
      if (url.searchParams.get("hub.mode") === "subscribe" && url.searchParams.get("hub.verify_token") === verifyToken) {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end(url.searchParams.get("hub.challenge") ?? "");
      } else {
        res.writeHead(403);
        res.end("forbidden");
      }
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const status = failQueue.shift() ?? 200;
      const answer = () => {
        if (status >= 200 && status < 300) posts.push({ raw, body: JSON.parse(raw.toString("utf8")), headers: req.headers, at: Date.now() });
        res.writeHead(status);
        res.end(status === 200 ? "EVENT_RECEIVED" : "nope");
      };
      if (state.delayMs > 0) setTimeout(answer, state.delayMs);
      else answer();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as AddressInfo).port;
  const receiver: Receiver = {
    url: `http://127.0.0.1:${port}/api/webhooks/meta`,
    posts,
    verifications,
    failNext: (...s: number[]) => failQueue.push(...s),
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(v: number) {
      state.delayMs = v;
    },
    items() {
      const out: Array<{ object: string; entryId: string; placement: string; item: Record<string, unknown> }> = [];
      for (const p of posts) {
        const b = p.body as { object: string; entry: Array<{ id: string; messaging?: unknown[]; standby?: unknown[] }> };
        for (const e of b.entry) {
          for (const placement of ["messaging", "standby"] as const) {
            for (const item of e[placement] ?? []) out.push({ object: b.object, entryId: e.id, placement, item: item as Record<string, unknown> });
          }
        }
      }
      return out;
    },
    async waitFor(pred, timeoutMs = 3000) {
      const start = Date.now();
      while (!pred(receiver)) {
        if (Date.now() - start > timeoutMs) throw new Error("timed out waiting for webhooks");
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
  return receiver;
}

// ── simulator ───────────────────────────────────────────────────────────────
export const FAST_WEBHOOKS: DeepPartial<SimulatorConfig>["webhooks"] = {
  batchWindowMs: 2,
  timeoutMs: 1000,
  initialRetryDelayMs: 5,
  maxRetryDelayMs: 40,
  autoDeliveryDelayMs: 5,
};

export interface TestSimOptions extends StartOptions {
  /** Keep Meta's default rate limits (off by default in tests). */
  rateLimits?: boolean;
  frozen?: boolean;
}

export async function startTestSim(opts: TestSimOptions = {}): Promise<RunningSimulator> {
  const { rateLimits, frozen, ...rest } = opts;
  const config: DeepPartial<SimulatorConfig> = {
    ...(rest.config ?? {}),
    webhooks: { ...FAST_WEBHOOKS, ...(rest.config?.webhooks ?? {}) },
    limits: {
      ...(rateLimits ? {} : { conversationsPerSecond: null, sendPerSecond: null, sendMediaPerSecond: null }),
      ...(rest.config?.limits ?? {}),
    },
  };
  return startSimulator({
    dataset: "demo",
    // A live clock anchors the dataset at "now": anchored at T0 it would drift out of the messaging window as
    // real days pass and window-dependent tests would start failing on the calendar.
    ...(frozen !== false ? { anchor: T0, clock: { frozenAt: T0 } } : {}),
    ...rest,
    app: { id: APP_ID, secret: APP_SECRET, verifyToken: VERIFY_TOKEN, ...(rest.app ?? {}) },
    config,
  });
}

// ── Graph calls ─────────────────────────────────────────────────────────────
export interface GraphAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  text: string;
  json: T;
}

export async function graph<T = Record<string, unknown>>(
  base: string,
  method: string,
  path: string,
  params: Record<string, unknown> = {},
  opts: { form?: boolean; headers?: Record<string, string> } = {},
): Promise<GraphAnswer<T>> {
  const url = new URL(path.startsWith("http") ? path : `${base}${path.startsWith("/v") ? "" : "/v24.0"}${path}`);
  let body: string | undefined;
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (method === "GET" || method === "DELETE") {
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, typeof v === "string" ? v : JSON.stringify(v));
  } else if (opts.form) {
    const f = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) f.set(k, typeof v === "string" ? v : JSON.stringify(v));
    body = f.toString();
    headers["content-type"] = "application/x-www-form-urlencoded";
  } else {
    body = JSON.stringify(params);
    headers["content-type"] = "application/json";
  }
  const res = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: JSON.parse(text) as T };
}

export function hmacHex(algo: "sha256" | "sha1", secret: string, body: Buffer | string): string {
  return createHmac(algo, secret).update(body).digest("hex");
}

// ── structural comparison ───────────────────────────────────────────────────
export type JsonType = "string" | "number" | "boolean" | "null" | "object" | "array";

export function jsonType(v: unknown): JsonType {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  const t = typeof v;
  if (t === "string" || t === "number" || t === "boolean" || t === "object") return t;
  throw new Error(`not JSON: ${t}`);
}

export interface ShapeOptions {
  /** Keys of the fixture that the simulator need not produce (legacy fields such as `seq`), by key name or path. */
  ignore?: string[];
  /** Keys the simulator may add beyond the fixture, by key name or path. */
  allowExtra?: string[];
  /** Expected type overrides by path, for placeholders ("<INT>" where Meta sends a number). */
  types?: Record<string, JsonType>;
}

/**
 * Compares the structure of `actual` with `expected`: same keys and same JSON value types, recursively.
 * Paths look like `entry[].messaging[].message.mid`. Returns a list of differences (empty = same shape).
 */
export function shapeDiff(actual: unknown, expected: unknown, opts: ShapeOptions = {}, path = ""): string[] {
  const diffs: string[] = [];
  const matches = (list: string[] | undefined, key: string, p: string) => (list ?? []).some((x) => x === key || x === p);
  const expectedType = opts.types?.[path] ?? jsonType(expected);
  const actualType = jsonType(actual);
  if (actualType !== expectedType) return [`${path || "(root)"}: expected ${expectedType}, got ${actualType}`];
  if (actualType === "object") {
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    for (const k of Object.keys(e)) {
      const p = path ? `${path}.${k}` : k;
      if (!(k in a)) {
        if (!matches(opts.ignore, k, p)) diffs.push(`${p}: missing`);
        continue;
      }
      diffs.push(...shapeDiff(a[k], e[k], opts, p));
    }
    for (const k of Object.keys(a)) {
      const p = path ? `${path}.${k}` : k;
      if (!(k in e) && !matches(opts.allowExtra, k, p)) diffs.push(`${p}: unexpected key`);
    }
  } else if (actualType === "array") {
    const a = actual as unknown[];
    const e = expected as unknown[];
    if (e.length === 0) return diffs;
    if (a.length === 0) return [`${path}: empty array, expected items`];
    const p = `${path}[]`;
    for (const item of a) {
      // each actual item must match one of the expected item shapes
      const candidates = e.map((x) => shapeDiff(item, x, opts, p));
      const best = candidates.reduce((x, y) => (y.length < x.length ? y : x));
      diffs.push(...best);
    }
  }
  return diffs;
}
