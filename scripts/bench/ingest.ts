// `npm run bench:ingest`: how fast the production app acknowledges signed webhook POSTs, against how fast
// the same Postgres takes the raw `INSERT … ON CONFLICT` of the same rows (same table shape) — measured in the
// same run, on the same machine. Single events and 50-event batches, at rising concurrency. Prints ONE JSON
// line: per mode and concurrency events/s and p50/p99 ack latency, the raw rate and the ratio.
// Targets: app events/s ≥ 0.5 × raw, p99 ack ≤ 100 ms.
//
// The app runs as in production (scripts/serve.ts on the production build, rebuilt only when sources
// changed), web-only (WORKER_ENABLED=false): the numbers are those of the receiving path — verify, store, answer — which is
// what Meta waits on; processing happens after the answer, elsewhere. A third series calls the receiving path
// in-process, without Next's HTTP layer, to separate what our code costs from what the framework costs.
//
// Comment webhooks (Page `feed` changes, item "comment") run the same ladder as messages, against their own raw
// baseline; `commentsVsMessages` divides the two ratios (1 = comments are acknowledged as close to raw as messages).
//
//   npm run bench:ingest [-- --seconds 3] [-- --concurrency 1,4,16,64]
import { createHmac, randomBytes } from "node:crypto";
import http from "node:http";
import { parseArgs } from "node:util";
import pg from "pg";
import { migrate } from "../db/migrate";
import { startWebOnlyApp } from "../lib/app-server";
import { stopAllChildren } from "../lib/processes";
import { generateSecrets } from "../lib/secrets";
import { createTestDatabase, startTestServer } from "../testing/test-database";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "3" }, concurrency: { type: "string" } } });
const SECONDS_PER_STEP = Number(values.seconds);
// `--concurrency 4,16` runs fewer steps (a quick check); the default is the full ladder.
const CONCURRENCY = values.concurrency ? values.concurrency.split(",").map(Number) : [1, 4, 16, 64];
const MODES = [
  { name: "single", eventsPerPost: 1, kind: "message" },
  { name: "batch50", eventsPerPost: 50, kind: "message" },
  // Page feed comment changes (`changes[]`, item "comment"): the same receiving path, a different shape.
  { name: "comments_single", eventsPerPost: 1, kind: "comment" },
  { name: "comments_batch50", eventsPerPost: 50, kind: "comment" },
] as const;
const silent = () => {};

const server = await startTestServer();
const databaseUrl = await createTestDatabase(server.adminUrl, server.template, `bench_ingest_${randomBytes(2).toString("hex")}`);
await migrate(databaseUrl);
const secrets = generateSecrets();
const { baseUrl, app } = await startWebOnlyApp({ databaseUrl, secrets, logLevel: "error", log: silent });
const endpoint = `${baseUrl}/api/webhooks/meta`;

/** A Meta-shaped POST body with `n` message events (unique mids, escaped unicode like Meta's) or `n` comment changes. */
let sequence = 0;
function body(n: number, kind: "message" | "comment" = "message"): { text: string; signature: string } {
  const now = Date.now();
  if (kind === "comment") {
    const changes = Array.from({ length: n }, () => {
      const i = sequence++;
      return `{"field":"feed","value":{"from":{"id":"${7_000_000 + (i % 500)}","name":"Bench Person"},"post":{"id":"100000000000001_42","status_type":"added_photos","is_published":true},"post_id":"100000000000001_42","comment_id":"42_${i}${randomBytes(3).toString("hex")}","created_time":${Math.floor(now / 1000)},"item":"comment","parent_id":"100000000000001_42","verb":"add","message":"Prix ${i} ? o\\u00f9 \\ud83d\\udce6"}}`;
    });
    const text = `{"object":"page","entry":[{"id":"100000000000001","time":${now},"changes":[${changes.join(",")}]}]}`;
    return { text, signature: `sha256=${createHmac("sha256", secrets.META_APP_SECRET).update(text).digest("hex")}` };
  }
  const messaging = Array.from({ length: n }, () => {
    const i = sequence++;
    return `{"sender":{"id":"${7_000_000 + (i % 500)}"},"recipient":{"id":"100000000000001"},"timestamp":${now},"message":{"mid":"m_bench_${i}_${randomBytes(6).toString("hex")}","text":"Bonjour, o\\u00f9 est ma commande ${i} ? \\ud83d\\udce6"}}`;
  });
  const text = `{"object":"page","entry":[{"id":"100000000000001","time":${now},"messaging":[${messaging.join(",")}]}]}`;
  return { text, signature: `sha256=${createHmac("sha256", secrets.META_APP_SECRET).update(text).digest("hex")}` };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `task` with `concurrency` loops for SECONDS_PER_STEP; returns calls/s and latencies. */
async function load(concurrency: number, bodies: { text: string; signature: string }[], task: (b: { text: string; signature: string }) => Promise<void>) {
  let next = 0;
  const latencies: number[] = [];
  let failures = 0;
  const deadline = performance.now() + SECONDS_PER_STEP * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline && next < bodies.length) {
        const b = bodies[next++]!;
        const t0 = performance.now();
        try {
          await task(b);
          latencies.push(performance.now() - t0);
        } catch {
          failures++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { callsPerSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), calls: latencies.length, failures };
}

// The client shares this machine's two cores with the app and Postgres, while Meta's is far away: it uses
// plain node:http with kept-alive connections, far cheaper per request than fetch, so that the numbers are
// the app's, not the client's.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const target = new URL(endpoint);
const post = (b: { text: string; signature: string }) =>
  new Promise<void>((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(b.text), "x-hub-signature-256": b.signature },
      },
      (response) => {
        response.resume();
        response.on("end", () => (response.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${response.statusCode}`))));
      },
    );
    request.on("error", reject);
    request.end(b.text);
  });

// The raw baseline: the same rows into a table of the same shape, straight through a pg pool of the app's size.
const raw = new pg.Pool({ connectionString: databaseUrl, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
await raw.query("CREATE TABLE bench_raw_webhook_events (LIKE webhook_events INCLUDING ALL)");
const insertRaw = async (b: { text: string; signature: string }) => {
  await raw.query("INSERT INTO bench_raw_webhook_events (body, signature) VALUES ($1, $2) ON CONFLICT (signature) DO NOTHING", [b.text, b.signature]);
};

// The receiving path alone (verify, check, store — lib/webhooks/receive-webhook.ts), called in this process
// without Next's HTTP layer: what our code costs next to the raw insert.
Object.assign(process.env, { DATABASE_URL: databaseUrl, META_APP_ID: secrets.META_APP_ID, META_APP_SECRET: secrets.META_APP_SECRET, META_VERIFY_TOKEN: secrets.META_VERIFY_TOKEN, AUTH_SECRET: secrets.AUTH_SECRET, TOKEN_ENCRYPTION_KEY: secrets.TOKEN_ENCRYPTION_KEY, LOG_LEVEL: "error" });
const { receiveWebhook } = await import("@/lib/webhooks/receive-webhook");
const { disconnectDb } = await import("@/lib/db");
const receiveInProcess = async (b: { text: string; signature: string }) => {
  const answer = await receiveWebhook(new Uint8Array(Buffer.from(b.text)), b.signature);
  if (answer.status !== 200) throw new Error(`status ${answer.status}`);
};

// Warm-up (JIT, connections, route compilation).
await load(4, Array.from({ length: 200 }, () => body(1)), post);
await load(4, Array.from({ length: 200 }, () => body(1)), insertRaw);
await load(4, Array.from({ length: 200 }, () => body(1)), receiveInProcess);

const results: {
  mode: string;
  concurrency: number;
  appEventsPerSecond: number;
  appPostsPerSecond: number;
  ackP50Ms: number;
  ackP99Ms: number;
  failures: number;
  rawEventsPerSecond: number;
  rawP99Ms: number;
  ratio: number;
  receivePathEventsPerSecond: number;
  receivePathP99Ms: number;
  receivePathRatio: number;
}[] = [];
for (const mode of MODES) {
  for (const concurrency of CONCURRENCY) {
    const capacity = Math.ceil((mode.eventsPerPost === 1 ? 6000 : 900) * SECONDS_PER_STEP);
    const app = await load(concurrency, Array.from({ length: capacity }, () => body(mode.eventsPerPost, mode.kind)), post);
    const baseline = await load(concurrency, Array.from({ length: capacity }, () => body(mode.eventsPerPost, mode.kind)), insertRaw);
    const ours = await load(concurrency, Array.from({ length: capacity }, () => body(mode.eventsPerPost, mode.kind)), receiveInProcess);
    results.push({
      mode: mode.name,
      concurrency,
      appEventsPerSecond: Math.round(app.callsPerSecond * mode.eventsPerPost),
      appPostsPerSecond: Math.round(app.callsPerSecond),
      ackP50Ms: Number(app.p50.toFixed(2)),
      ackP99Ms: Number(app.p99.toFixed(2)),
      failures: app.failures,
      rawEventsPerSecond: Math.round(baseline.callsPerSecond * mode.eventsPerPost),
      rawP99Ms: Number(baseline.p99.toFixed(2)),
      ratio: Number((app.callsPerSecond / baseline.callsPerSecond).toFixed(3)),
      receivePathEventsPerSecond: Math.round(ours.callsPerSecond * mode.eventsPerPost),
      receivePathP99Ms: Number(ours.p99.toFixed(2)),
      receivePathRatio: Number((ours.callsPerSecond / baseline.callsPerSecond).toFixed(3)),
    });
  }
}

const stored = Number((await raw.query("SELECT count(*) FROM webhook_events")).rows[0].count);
const best = (mode: string, key: "appEventsPerSecond" | "rawEventsPerSecond" | "receivePathEventsPerSecond") => Math.max(...results.filter((r) => r.mode === mode).map((r) => r[key]));
process.stdout.write(
  JSON.stringify({
    benchmark: "ingest",
    secondsPerStep: SECONDS_PER_STEP,
    workerEnabled: false,
    storedEvents: stored,
    peak: Object.fromEntries(
      MODES.map((m) => [
        m.name,
        {
          appEventsPerSecond: best(m.name, "appEventsPerSecond"),
          rawEventsPerSecond: best(m.name, "rawEventsPerSecond"),
          ratio: Number((best(m.name, "appEventsPerSecond") / best(m.name, "rawEventsPerSecond")).toFixed(3)),
          receivePathEventsPerSecond: best(m.name, "receivePathEventsPerSecond"),
          receivePathRatio: Number((best(m.name, "receivePathEventsPerSecond") / best(m.name, "rawEventsPerSecond")).toFixed(3)),
        },
      ]),
    ),
    // Comment webhooks against messages: each one's ratio to its own raw baseline, divided (1 = the same ratio).
    commentsVsMessages: Object.fromEntries(
      (["single", "batch50"] as const).map((m) => {
        const ratio = (name: string) => best(name, "appEventsPerSecond") / best(name, "rawEventsPerSecond");
        return [m, Number((ratio(`comments_${m}`) / ratio(m)).toFixed(3))];
      }),
    ),
    worstAckP99Ms: Math.max(...results.map((r) => r.ackP99Ms)),
    results,
    target: { ratioAtLeast: 0.5, ackP99MsAtMost: 100 },
  }) + "\n",
);

await raw.end();
await disconnectDb();
await stopAllChildren();
// A web-only instance has no worker, so no shutdown hook of ours: end whatever is left of the app's
// process group.
try {
  process.kill(-app.process.pid!, "SIGKILL");
} catch {
  /* already gone */
}
await server.stop();
