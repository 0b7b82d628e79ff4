// `npm run bench:process`: a burst of signed message webhooks from people the inbox has never seen, through the
// production app, until every message is visible to agents — against a raw SQL baseline writing the same rows
// (contact upsert, conversation upsert with its summary, message insert), measured in the same run on the same
// Postgres. Prints ONE JSON line: per deployment and POST size, acknowledged/s, processed/s, raw/s and their
// ratio, ack→visible lag p50/p95/max (and, for reference, when raw SQL had stored 95 % of the same burst counted
// from its start: the floor for a burst that arrives at once), lost and duplicated messages, and how long new
// people wait for their name (User Profile API) and thread id (Conversations API).
// Targets: processed/s ≥ 0.5 × raw, ack→visible p95 ≤ 2 s, 0 lost, 0 duplicated.
//
// Deployments: "shared" — one app process acknowledges and processes (WORKER_ENABLED=true, the default);
// "split" — a web process (WORKER_ENABLED=false) and a worker process (`npm run worker`), as the README
// recommends to scale out. Meta is the simulator (in this process, callback off: the burst is ours); its
// people exist there, so profile and thread lookups are real Graph calls at Meta's limits.
//
// "Visible" is the moment the message's realtime event (`message.upserted`, Postgres NOTIFY at commit) reaches
// a listener — when an agent's browser would learn of it.
//
//   npm run bench:process [-- --events 10000 --people 2000 --concurrency 16 --deployments shared,split --modes single,batch50 --skip-lookups]
// Processing lanes per process: WEBHOOK_PROCESSING_CONCURRENCY (the app's setting, default 2).
import { createHmac, randomBytes } from "node:crypto";
import http from "node:http";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { startSimulator } from "../../meta-simulator";
import { migrate } from "../db/migrate";
import { startAppServer } from "../lib/app-server";
import { SERVER_SCRIPT, startChild, stopAllChildren, type Child } from "../lib/processes";
import { generateSecrets } from "../lib/secrets";
import { createTestDatabase, startTestServer } from "../testing/test-database";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "10000" },
    people: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "16" },
    deployments: { type: "string", default: "shared,split" },
    modes: { type: "string", default: "single,batch50" },
    // Tuning runs: do not wait up to two minutes per run for names and thread ids.
    "skip-lookups": { type: "boolean", default: false },
  },
});
const EVENTS = Number(values.events);
const PEOPLE = Number(values.people);
const CONCURRENCY = Number(values.concurrency);
const DEPLOYMENTS = values.deployments.split(",") as ("shared" | "split")[];
const MODES = values.modes.split(",").map((m) => ({ name: m, eventsPerPost: m === "single" ? 1 : Number(m.replace("batch", "")) }));
const RUNS = DEPLOYMENTS.length * MODES.length;
const ROOT = path.join(import.meta.dirname, "..", "..");
const silent = () => {};
const loadAtStart = loadavg()[0];

const server = await startTestServer();
const databaseUrl = await createTestDatabase(server.adminUrl, server.template, `bench_process_${randomBytes(2).toString("hex")}`);
await migrate(databaseUrl);
const secrets = generateSecrets();
const sim = await startSimulator({
  dataset: { name: "empty", sizes: { pages: RUNS, instagramAccounts: 0 } },
  port: 0,
  stateFile: null,
  app: { id: secrets.META_APP_ID, secret: secrets.META_APP_SECRET, verifyToken: secrets.META_VERIFY_TOKEN, callbackUrl: null },
});
const appEnv = { META_GRAPH_BASE_URL: sim.url, META_OAUTH_DIALOG_URL: sim.url };
Object.assign(process.env, secrets, appEnv, { DATABASE_URL: databaseUrl, LOG_LEVEL: "error" });
const { db, disconnectDb } = await import("@/lib/db");
const { connectChannelFromPageToken } = await import("@/lib/channels/connect-channel-from-page-token");
const { realtimeEventsOf } = await import("@/lib/realtime/events");
const { inParallel } = await import("@/lib/in-parallel");
const { env } = await import("@/lib/env");

// ── Meta's side: one Page per run, each with PEOPLE people who wrote once before (so Meta has their profile
// and thread); the inbox has never seen them. ──
const account = await db.account.create({ data: { name: "Process benchmark" } });
const pages = (await sim.control<{ data: { platform: string; id: string; accessToken: string }[] }>("GET", "/channels")).data.filter((c) => c.platform === "messenger");
const runPages: { pageId: string; channelId: string; people: string[] }[] = [];
for (const page of pages.slice(0, RUNS)) {
  const [channel] = await connectChannelFromPageToken({ accountId: account.id, actorId: null, pageToken: page.accessToken });
  // The Page is empty at Meta now: its backfill has nothing to import. Marked done here, so that no worker
  // imports the people created below (they must be new to the inbox when the burst arrives).
  await db.$executeRaw`UPDATE jobs SET status = 'DONE', finished_at = now() WHERE queue = 'sync.backfill' AND status = 'QUEUED'`;
  await db.syncRun.updateMany({ where: { channelId: channel!.id }, data: { status: "SUCCEEDED", finishedAt: new Date() } });
  await db.channel.update({ where: { id: channel!.id }, data: { syncStatus: "IDLE" } });
  // Created last-first: at Meta a burst's first writers are the newest threads when the inbox looks them up.
  const people: string[] = [];
  for (let i = PEOPLE - 1; i >= 0; i--) {
    const made = await sim.control<{ contactId: string }>("POST", "/customer/message", { channelId: page.id, newContact: { name: `Kundin ${i} Müller` }, text: "Hallo!" });
    people[i] = made.contactId;
  }
  runPages.push({ pageId: page.id, channelId: channel!.id, people });
}

// ── what agents see: every realtime event, timestamped on arrival ──
const visibleAt = new Map<string, number>();
/** Messages seen per channel, and who waits for a channel to reach a count (the burst's end, without polling Postgres). */
const visibleIn = new Map<string, number>();
const waiters: { channelId: string; count: number; resolve: () => void }[] = [];
const listener = new pg.Client({ connectionString: databaseUrl });
await listener.connect();
listener.on("notification", (n) => {
  if (!n.payload) return;
  const at = performance.timeOrigin + performance.now();
  for (const event of realtimeEventsOf(n.payload)) {
    if (event.type !== "message.upserted" || visibleAt.has(event.messageId)) continue;
    visibleAt.set(event.messageId, at);
    const seen = (visibleIn.get(event.channelId) ?? 0) + 1;
    visibleIn.set(event.channelId, seen);
    for (const w of [...waiters]) if (w.channelId === event.channelId && seen >= w.count) w.resolve();
  }
});
/** Resolves when agents have seen `count` messages of the channel, or after `ms`. */
function visibleCount(channelId: string, count: number, ms: number): Promise<void> {
  if ((visibleIn.get(channelId) ?? 0) >= count) return Promise.resolve();
  return new Promise((resolve) => {
    const waiter = { channelId, count, resolve: () => done() };
    const done = () => {
      clearTimeout(timer);
      const at = waiters.indexOf(waiter);
      if (at >= 0) waiters.splice(at, 1);
      resolve();
    };
    const timer = setTimeout(done, ms);
    waiters.push(waiter);
  });
}
await listener.query("LISTEN inbox_events");

// ── the raw baseline: the same rows, one statement per event, through a pool of the app's size ──
const raw = new pg.Pool({ connectionString: databaseUrl, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
const rawChannel = await db.channel.create({ data: { accountId: account.id, platform: "MESSENGER", metaId: "raw-baseline", pageMetaId: "raw-baseline", name: "raw" } });
/**
 * The same rows as plain SQL, one statement per event, concurrency as the POSTs. Returns its rate, and when 95 %
 * of the burst was stored counted from its start — the ack→visible p95 even raw SQL would give a burst that
 * arrives all at once (as 50-event POSTs do).
 */
async function rawBaseline(run: number): Promise<{ perSecond: number; burstP95Ms: number }> {
  const events = burstEvents(Array.from({ length: PEOPLE }, (_, i) => `raw${run}_${i}`), `raw${run}`);
  const started = performance.now();
  const done: number[] = [];
  await inParallel(events, CONCURRENCY, async (e) => {
    await raw.query(
      `WITH person AS (
         INSERT INTO contacts (account_id, channel_id, platform_user_id) VALUES ($1, $2, $3)
         ON CONFLICT (channel_id, platform_user_id) DO UPDATE SET platform_user_id = EXCLUDED.platform_user_id
         RETURNING id
       ), thread AS (
         INSERT INTO conversations (account_id, channel_id, contact_id, last_message_at, last_message_preview, last_message_direction, last_inbound_at, last_inbound_kind, unread_count)
         SELECT $1, $2, person.id, $4, $5, 'INBOUND', $4, 'MESSAGE', 1 FROM person
         ON CONFLICT (channel_id, contact_id) DO UPDATE SET
           last_message_preview = CASE WHEN EXCLUDED.last_message_at >= conversations.last_message_at THEN EXCLUDED.last_message_preview ELSE conversations.last_message_preview END,
           last_message_at = GREATEST(conversations.last_message_at, EXCLUDED.last_message_at),
           last_inbound_at = GREATEST(conversations.last_inbound_at, EXCLUDED.last_inbound_at),
           unread_count = conversations.unread_count + 1, updated_at = now()
         RETURNING id
       )
       INSERT INTO messages (account_id, channel_id, conversation_id, mid, kind, direction, sender_kind, text, sent_at)
       SELECT $1, $2, thread.id, $6, 'MESSAGE', 'INBOUND', 'CONTACT', $5, $4 FROM thread
       ON CONFLICT (channel_id, mid) DO NOTHING`,
      [account.id, rawChannel.id, e.person, new Date(e.at), e.text, e.mid],
    );
    done.push(performance.now() - started);
  });
  done.sort((a, b) => a - b);
  return { perSecond: EVENTS / ((performance.now() - started) / 1000), burstP95Ms: Math.round(percentile(done, 95)) };
}

interface BurstEvent {
  person: string;
  mid: string;
  at: number;
  text: string;
}

/** EVENTS messages, round-robin over the people (each writes EVENTS / PEOPLE times). */
function burstEvents(people: string[], tag: string): BurstEvent[] {
  const base = Date.now();
  return Array.from({ length: EVENTS }, (_, i) => ({ person: people[i % people.length]!, mid: `m_${tag}_${i}_${randomBytes(4).toString("hex")}`, at: base + i, text: `Bonjour, où est ma commande ${i} ? 📦` }));
}

/** A Meta-shaped, signed POST body (escaped unicode, as Meta signs it). */
function signedBody(pageId: string, events: BurstEvent[]): { text: string; signature: string } {
  const escape = (s: string) => JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  const messaging = events.map((e) => `{"sender":{"id":"${e.person}"},"recipient":{"id":"${pageId}"},"timestamp":${e.at},"message":{"mid":"${e.mid}","text":${escape(e.text)}}}`);
  const text = `{"object":"page","entry":[{"id":"${pageId}","time":${events[0]!.at},"messaging":[${messaging.join(",")}]}]}`;
  return { text, signature: `sha256=${createHmac("sha256", secrets.META_APP_SECRET).update(text).digest("hex")}` };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
function post(endpoint: URL, body: { text: string; signature: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { agent, host: endpoint.hostname, port: endpoint.port, path: endpoint.pathname, method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body.text), "x-hub-signature-256": body.signature } },
      (response) => {
        response.resume();
        response.on("end", () => (response.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${response.statusCode}`))));
      },
    );
    request.on("error", reject);
    request.end(body.text);
  });
}

async function burst(deployment: string, mode: { name: string; eventsPerPost: number }, run: number, endpoint: URL) {
  const { pageId, channelId, people } = runPages[run]!;
  const events = burstEvents(people, `r${run}`);
  const posts: BurstEvent[][] = [];
  for (let i = 0; i < events.length; i += mode.eventsPerPost) posts.push(events.slice(i, i + mode.eventsPerPost));
  const bodies = posts.map((p) => signedBody(pageId, p));
  const ackAt = new Map<string, number>();
  const firstAckOf = new Map<string, number>();
  const ackLatencies: number[] = [];
  const now = () => performance.timeOrigin + performance.now();

  const started = now();
  await inParallel(
    bodies.map((body, i) => ({ body, events: posts[i]! })),
    CONCURRENCY,
    async ({ body, events: inPost }) => {
      const t0 = now();
      await post(endpoint, body);
      const t = now();
      ackLatencies.push(t - t0);
      for (const e of inPost) {
        ackAt.set(e.mid, t);
        if (!firstAckOf.has(e.person)) firstAckOf.set(e.person, t);
      }
    },
  );
  const lastAck = now();

  // Until every message is stored and nothing is left to process (5 minutes at most). Waiting on the
  // notifications rather than polling: a count query every few ms would take Postgres time from what it measures.
  for (const deadline = Date.now() + 300_000; Date.now() < deadline; ) {
    await visibleCount(channelId, EVENTS, 1_000);
    const [{ stored, pending }] = (
      await raw.query<{ stored: number; pending: number }>(
        `SELECT (SELECT count(*) FROM messages WHERE channel_id = $1)::int AS stored, (SELECT count(*) FROM webhook_events WHERE status = 'RECEIVED')::int AS pending`,
        [channelId],
      )
    ).rows as [{ stored: number; pending: number }];
    if (stored >= EVENTS && pending === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 200)); // the last notifications in flight
  const rows = (await raw.query<{ id: string; mid: string }>(`SELECT id::text, mid FROM messages WHERE channel_id = $1`, [channelId])).rows;
  const mids = new Set(events.map((e) => e.mid));
  const stored = rows.filter((r) => mids.has(r.mid));
  const lags = stored.map((r) => (visibleAt.get(r.id) ?? Number.NaN) - ackAt.get(r.mid)!).filter((l) => Number.isFinite(l)).sort((a, b) => a - b);
  const lastVisible = Math.max(...stored.map((r) => visibleAt.get(r.id) ?? 0));
  const [summary] = (
    await raw.query<{ conversations: number; contacts: number; unread: number; failed: number }>(
      `SELECT (SELECT count(*) FROM conversations WHERE channel_id = $1)::int AS conversations, (SELECT count(*) FROM contacts WHERE channel_id = $1)::int AS contacts,
              (SELECT coalesce(sum(unread_count), 0) FROM conversations WHERE channel_id = $1)::int AS unread,
              (SELECT count(*) FROM webhook_events WHERE status = 'FAILED')::int AS failed`,
      [channelId],
    )
  ).rows;

  // New people's names (User Profile API) and thread ids (Conversations API, 2 calls/s per Page).
  const nameLags: number[] = [];
  let threadsAllMs: number | null = null;
  for (const deadline = Date.now() + (values["skip-lookups"] ? 0 : 120_000); Date.now() < deadline; ) {
    const { rows: named } = await raw.query<{ platform_user_id: string; at: Date }>(
      `SELECT platform_user_id, profile_fetched_at AS at FROM contacts WHERE channel_id = $1 AND profile_fetched_at IS NOT NULL AND name IS NOT NULL`,
      [channelId],
    );
    const { rows: threaded } = await raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM conversations WHERE channel_id = $1 AND meta_thread_id IS NOT NULL`, [channelId]);
    if (threadsAllMs === null && threaded[0]!.n >= PEOPLE) threadsAllMs = Math.round(now() - started);
    if (named.length >= PEOPLE && nameLags.length === 0) for (const r of named) nameLags.push(r.at.getTime() - firstAckOf.get(r.platform_user_id)!);
    if (nameLags.length > 0 && threadsAllMs !== null) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  nameLags.sort((a, b) => a - b);
  ackLatencies.sort((a, b) => a - b);

  const { perSecond: rawPerSecond, burstP95Ms: rawBurstP95Ms } = await rawBaseline(run);
  const processedPerSecond = EVENTS / ((lastVisible - started) / 1000);
  return {
    deployment,
    mode: mode.name,
    posts: bodies.length,
    acknowledgedPerSecond: Math.round(EVENTS / ((lastAck - started) / 1000)),
    ackP99Ms: round(percentile(ackLatencies, 99)),
    processedPerSecond: Math.round(processedPerSecond),
    rawPerSecond: Math.round(rawPerSecond),
    ratio: Number((processedPerSecond / rawPerSecond).toFixed(3)),
    lagMs: { p50: round(percentile(lags, 50)), p95: round(percentile(lags, 95)), max: round(lags.at(-1) ?? Number.NaN) },
    rawBurstP95Ms,
    lost: EVENTS - new Set(stored.map((r) => r.mid)).size,
    // A message stored twice, a person or thread created twice, a message counted unread twice.
    duplicated: stored.length - new Set(stored.map((r) => r.mid)).size + (summary!.contacts - PEOPLE) + (summary!.conversations - PEOPLE) + Math.max(0, summary!.unread - EVENTS),
    failedEvents: summary!.failed,
    namesAllMs: nameLags.length ? round(nameLags.at(-1)!) : null,
    nameLagMs: nameLags.length ? { p50: round(percentile(nameLags, 50)), p95: round(percentile(nameLags, 95)) } : null,
    threadIdsAllMs: threadsAllMs,
  };
}

const results: Awaited<ReturnType<typeof burst>>[] = [];
let run = 0;
// A failure must not leave app processes or Postgres behind.
process.once("uncaughtException", (error) => void stopAllChildren().finally(() => server.stop().finally(() => { console.error(error); process.exit(1); })));
process.once("unhandledRejection", (error) => void stopAllChildren().finally(() => server.stop().finally(() => { console.error(error); process.exit(1); })));
for (const deployment of DEPLOYMENTS) {
  const { baseUrl } = await startAppServer({ databaseUrl, secrets, logLevel: "error", log: silent, env: appEnv, workerEnabled: deployment === "shared" });
  let worker: Child | null = null;
  if (deployment === "split") {
    worker = startChild("worker", process.execPath, [...SERVER_SCRIPT, path.join(ROOT, "lib/worker/worker-process.ts")], {
      cwd: ROOT,
      env: { ...process.env, ...secrets, ...appEnv, DATABASE_URL: databaseUrl, NODE_ENV: "production", LOG_LEVEL: "error" },
      quiet: true,
    });
  }
  await new Promise((r) => setTimeout(r, 2_000)); // background work up (JIT, LISTEN, periodic jobs)
  const endpoint = new URL(`${baseUrl}/api/webhooks/meta`);
  // Warm-up: a few POSTs for an unknown Page (acknowledged and ignored).
  await inParallel(Array.from({ length: 100 }, () => signedBody("999999", burstEvents(["0"], "warm").slice(0, 1))), 4, (b) => post(endpoint, b));
  // The processor is up (a worker process compiles for a few seconds) once it has taken the warm-up's events.
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const { rows } = await raw.query<{ pending: number }>(`SELECT count(*)::int AS pending FROM webhook_events WHERE status = 'RECEIVED'`);
    if (rows[0]!.pending === 0) break;
  }
  for (const mode of MODES) {
    results.push(await burst(deployment, mode, run++, endpoint));
    process.stderr.write(`bench:process ${JSON.stringify(results.at(-1))}\n`); // progress; the result is the one stdout line
  }
  await stopAllChildren();
  void worker;
}

const met = results.every((r) => r.ratio >= 0.5 && r.lagMs.p95 <= 2_000 && r.lost === 0 && r.duplicated === 0);
process.stdout.write(
  JSON.stringify({
    benchmark: "process",
    events: EVENTS,
    newPeople: PEOPLE,
    concurrency: CONCURRENCY,
    loadAverageAtStart: Number(loadAtStart!.toFixed(2)),
    // The app processes read the same environment (and the same default).
    processingLanes: env().WEBHOOK_PROCESSING_CONCURRENCY,
    results,
    target: { ratioAtLeast: 0.5, lagP95MsAtMost: 2_000, lost: 0, duplicated: 0 },
    met,
  }) + "\n",
);

await listener.end();
await raw.end();
await disconnectDb();
await sim.close();
await server.stop();

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function round(value: number): number {
  return Math.round(value);
}
