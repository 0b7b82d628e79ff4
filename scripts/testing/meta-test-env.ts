// Integration tests against the Meta simulator: the app's Meta configuration pointed at an in-process
// simulator, a webhook endpoint that runs the app's own receiver (lib/webhooks/receive-webhook.ts), a job worker
// for the sync queues, and the simulator's truth read back through its control API.
//
// Call `startMetaTestEnv()` in beforeAll, before anything reads the configuration (lib/env.ts parses it once).
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pool } from "@/lib/db";
import { JobWorker } from "@/lib/jobs/job-worker";
import { syncJobHandlers } from "@/lib/worker/job-definitions";
import { answerVerification, receiveWebhook } from "@/lib/webhooks/receive-webhook";
import { startSimulator, type RunningSimulator, type StartOptions } from "@/meta-simulator";

export const TEST_APP = {
  id: "1517776481860111",
  secret: "test-app-secret-0123456789",
  verifyToken: "test-verify-token-123",
};

export interface MetaTestEnv {
  sim: RunningSimulator;
  /** Where the simulator POSTs webhooks (our receiver, in this process). */
  callbackUrl: string;
  /** Webhook POSTs answered, by status. */
  answered: Map<number, number>;
  close(): Promise<void>;
}

/** Sets the configuration the app reads (lib/env.ts) — Meta app, secrets, Graph base URL. */
export function configureAppEnv(graphBaseUrl: string): void {
  process.env.META_APP_ID = TEST_APP.id;
  process.env.META_APP_SECRET = TEST_APP.secret;
  process.env.META_VERIFY_TOKEN = TEST_APP.verifyToken;
  process.env.META_GRAPH_BASE_URL = graphBaseUrl;
  process.env.META_OAUTH_DIALOG_URL = graphBaseUrl;
  process.env.META_INSTAGRAM_OAUTH_URL = `${graphBaseUrl}/ig-www`;
  process.env.META_INSTAGRAM_API_URL = `${graphBaseUrl}/ig-api`;
  process.env.META_INSTAGRAM_GRAPH_BASE_URL = `${graphBaseUrl}/ig-graph`;
  process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
  process.env.TOKEN_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
}

export async function startMetaTestEnv(options: StartOptions = {}): Promise<MetaTestEnv> {
  const answered = new Map<number, number>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "GET") {
      const answer = answerVerification(url.searchParams);
      res.writeHead(answer.status, { "content-type": answer.contentType ?? "text/plain" });
      res.end(answer.body);
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      receiveWebhook(new Uint8Array(Buffer.concat(chunks)), (req.headers["x-hub-signature-256"] as string | undefined) ?? null)
        .then((answer) => {
          answered.set(answer.status, (answered.get(answer.status) ?? 0) + 1);
          res.writeHead(answer.status, { "content-type": "text/plain" });
          res.end(answer.body);
        })
        .catch(() => {
          res.writeHead(500);
          res.end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const callbackUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/meta`;
  const sim = await startSimulator({
    dataset: "demo",
    port: 0,
    stateFile: null,
    ...options,
    app: { id: TEST_APP.id, secret: TEST_APP.secret, verifyToken: TEST_APP.verifyToken, callbackUrl, ...options.app },
    config: { webhooks: { batchWindowMs: 2, autoDeliveryDelayMs: 20, initialRetryDelayMs: 50, maxRetryDelayMs: 400 }, ...options.config },
  });
  configureAppEnv(sim.url);
  return {
    sim,
    callbackUrl,
    answered,
    async close() {
      await sim.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A job worker for the sync queues with test-friendly timings. */
export async function startSyncWorker(options: { leaseMs?: number } = {}): Promise<JobWorker> {
  const worker = new JobWorker({ pool, handlers: syncJobHandlers, pollIntervalMs: 100, retryBackoff: { baseMs: 50, maxMs: 500 }, leaseMs: options.leaseMs ?? 30_000 });
  await worker.start();
  return worker;
}

// ── the simulator's truth ────────────────────────────────────────────────────────────────────────────
export interface SimChannel {
  platform: "messenger" | "instagram";
  id: string;
  pageId: string;
  name: string;
  username: string;
  accessToken: string;
  conversationCount: number;
}
export interface SimContact {
  id: string;
  name: string;
  username: string | null;
}
export interface SimMessage {
  id: string;
  createdTimeMs: number;
  direction: "inbound" | "outbound";
  text: string | null;
  attachments: { type: string }[];
  reactions: { by: string; emoji: string }[];
  deleted: boolean;
  detailed: boolean;
  appId: string | null;
  postback: { title: string; payload: string } | null;
}
export interface SimConversation {
  id: string;
  channelId: string;
  contact: SimContact;
  updatedTimeMs: number;
  lastOpenerAtMs: number | null;
  lastOpenerKind: string | null;
  unreadCount: number;
  messages: SimMessage[];
}

export async function simChannels(sim: RunningSimulator): Promise<SimChannel[]> {
  return (await sim.control<{ data: SimChannel[] }>("GET", "/channels")).data;
}

export async function simConversations(sim: RunningSimulator, channelId: string): Promise<SimConversation[]> {
  const list = await sim.control<{ data: { id: string }[] }>("GET", `/conversations?channelId=${channelId}&limit=100000`);
  const out: SimConversation[] = [];
  for (const { id } of list.data) out.push(await sim.control<SimConversation>("GET", `/conversations/${id}`));
  return out;
}

/** Polls until `check` returns true (expect.poll is not available in hooks). */
export async function waitUntil(check: () => Promise<boolean> | boolean, { timeoutMs = 30_000, intervalMs = 100, what = "condition" } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
