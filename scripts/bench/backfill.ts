// `npm run bench:backfill`: the backfill of a simulator dataset of 5,000 conversations (2 Pages + 1 Instagram
// account, 1–30 messages each) at Meta's default Conversations API limit of 2 calls/s per Page / IG account.
// Prints ONE JSON line: wall time from connecting the channels to the last run finished, the Graph calls the
// simulator counted, the floor (the minimal number of calls ÷ the allowed rate) and their ratio, and the
// rate-limit errors provoked (target: ratio ≤ 1.15, none provoked).
//
// Minimal calls: one conversations page of 25 per call, messages included by field expansion; Meta details
// only the 20 most recent messages of a thread, so no per-conversation call can add anything. Channels are
// separate rate-limit owners and are read in parallel: the floor is the slowest channel's pages ÷ 2 calls/s.
//
//   npm run bench:backfill [-- --conversations 5000]
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { startSimulator } from "../../meta-simulator";
import { generateSecrets } from "../lib/secrets";
import { createTestDatabase, startTestServer } from "../testing/test-database";

const { values } = parseArgs({ options: { conversations: { type: "string", default: "5000" } } });
const CONVERSATIONS = Number(values.conversations);
const PAGE_SIZE = 25;
const RATE = 2;

process.env.LOG_LEVEL ??= "warn";
const server = await startTestServer();
const databaseUrl = await createTestDatabase(server.adminUrl, server.template, `bench_backfill_${randomBytes(2).toString("hex")}`);
const secrets = generateSecrets();
const sim = await startSimulator({
  dataset: "generic",
  seed: "bench",
  sizes: { conversations: CONVERSATIONS },
  port: 0,
  stateFile: null,
  app: { id: secrets.META_APP_ID, secret: secrets.META_APP_SECRET, verifyToken: secrets.META_VERIFY_TOKEN, callbackUrl: null },
});
Object.assign(process.env, secrets, { DATABASE_URL: databaseUrl, META_GRAPH_BASE_URL: sim.url, META_OAUTH_DIALOG_URL: sim.url, NODE_ENV: "production" });

// App code reads its configuration on first use: import it only now.
const { db, pool, disconnectDb } = await import("@/lib/db");
const { connectChannelFromPageToken } = await import("@/lib/channels/connect-channel-from-page-token");
const { JobWorker } = await import("@/lib/jobs/job-worker");
const { syncJobHandlers } = await import("@/lib/worker/job-definitions");

const channels = (await sim.control<{ data: { platform: string; id: string; accessToken: string; conversationCount: number }[] }>("GET", "/channels")).data;
const account = await db.account.create({ data: { name: "Backfill benchmark" } });
const worker = new JobWorker({ pool, handlers: syncJobHandlers, pollIntervalMs: 100, concurrency: channels.length + 1 });

const started = performance.now();
for (const page of channels.filter((c) => c.platform === "messenger")) {
  await connectChannelFromPageToken({ accountId: account.id, actorId: null, pageToken: page.accessToken });
}
await worker.start();
const channelIds = (await db.channel.findMany({ where: { accountId: account.id }, select: { id: true } })).map((c) => c.id);
for (;;) {
  const pending = await db.syncRun.count({ where: { channelId: { in: channelIds }, kind: "BACKFILL", status: { in: ["QUEUED", "RUNNING"] } } });
  if (pending === 0) break;
  await new Promise((r) => setTimeout(r, 50));
}
const wallSeconds = (performance.now() - started) / 1000;
await worker.stop(5_000);

const runs = await db.syncRun.findMany({ where: { channelId: { in: channelIds }, kind: "BACKFILL" } });
const limits = await sim.control<{ buckets: Record<string, { calls: number; rejected: number }> }>("GET", "/rate-limits");
const conversationBuckets = Object.entries(limits.buckets).filter(([key]) => key.endsWith(":conversations"));
const graphCalls = conversationBuckets.reduce((n, [, b]) => n + b.calls, 0);
const rateLimitErrors = conversationBuckets.reduce((n, [, b]) => n + b.rejected, 0);
const minimalCallsPerChannel = channels.map((c) => Math.max(1, Math.ceil(c.conversationCount / PAGE_SIZE)));
const minimalCalls = minimalCallsPerChannel.reduce((a, b) => a + b, 0);
const floorSeconds = Math.max(...minimalCallsPerChannel) / RATE;

process.stdout.write(
  JSON.stringify({
    benchmark: "backfill",
    conversations: await db.conversation.count({ where: { accountId: account.id } }),
    expectedConversations: channels.reduce((n, c) => n + c.conversationCount, 0),
    messagesImported: await db.message.count({ where: { accountId: account.id } }),
    channels: channels.length,
    runsSucceeded: runs.filter((r) => r.status === "SUCCEEDED").length,
    wallSeconds: Number(wallSeconds.toFixed(2)),
    graphCalls,
    minimalCalls,
    allowedCallsPerSecond: RATE * channels.length,
    floorSeconds: Number(floorSeconds.toFixed(2)),
    ratio: Number((wallSeconds / floorSeconds).toFixed(3)),
    callRatio: Number((graphCalls / minimalCalls).toFixed(3)),
    rateLimitErrors,
    target: { ratioAtMost: 1.15, rateLimitErrors: 0 },
  }) + "\n",
);

await sim.close();
await disconnectDb();
await server.stop();
