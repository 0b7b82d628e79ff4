// `npm run bench:inbox`: the inbox's read paths at scale. One JSON line on stdout; progress on stderr.
//
//   1. a throwaway database (DATABASE_URL's local server, else an embedded Postgres) with 100,000
//      conversations and ~1,000,000 messages (inbox-seed.ts)
//   2. the production build (rebuilt only when sources changed) started on it
//   3. p50/p95 of the list API (first page of All, Unassigned, Expiring soon, Mine, and a deep page) and of
//      opening a 1,000-message thread, each next to the same SQL run raw through `pg` in the same run, and
//      next to the domain function the route calls, in this process (what the request adds is then visible)
//   4. first-load JavaScript of /inbox, gzipped, from the build's manifests (inbox-first-load-js.ts)
//
// Targets (checked here and nowhere else): list p95 ≤ 25 ms, thread p95 ≤ 30 ms, API ≤ 2 × raw SQL,
// first-load JS ≤ 250 KB gzipped. Options: --iterations=N (default 300), --conversations=N.
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { conversationDetailSql, threadPageSql } from "@/lib/conversations/conversation-detail-sql";
import { conversationListSql, searchProbeSql, strategyForProbe, type ConversationListSpec } from "@/lib/conversations/conversation-list-sql";
import { decodeListCursor } from "@/lib/conversations/list-cursor";
import { startWebOnlyApp } from "../lib/app-server";
import { stopAllChildren } from "../lib/processes";
import { generateSecrets } from "../lib/secrets";
import { createTestDatabase, startTestServer, type TestServer } from "../testing/test-database";
import { firstLoadJs } from "./inbox-first-load-js";
import { seedBench, type BenchSeed } from "./inbox-seed";

const ROOT = path.join(import.meta.dirname, "..", "..");
const log = (line: string) => process.stderr.write(`bench    │ ${line}\n`);
const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const ITERATIONS = arg("iterations", 300);
const WARMUP = 30;
const PASSWORD = "bench-password-2026";

const TARGETS = { listP95Ms: 25, threadP95Ms: 30, maxRatio: 2, firstLoadJsKb: 250 };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), n: samples.length };
}

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Signs in through next-auth's credentials callback and returns the Cookie header of the session. */
async function signIn(baseUrl: string, email: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD }),
  });
  const session = response.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sign-in as ${email} failed (HTTP ${response.status})`);
  return session;
}

async function main() {
  let server: TestServer | undefined;
  let raw: pg.Client | undefined;
  try {
    server = await startTestServer(log);
    const databaseUrl = await createTestDatabase(server.adminUrl, server.template, "bench");
    raw = new pg.Client({ connectionString: databaseUrl });
    await raw.connect();
    const seedStarted = performance.now();
    const seed: BenchSeed = await seedBench(
      raw,
      { conversations: arg("conversations", 100_000), managerPasswordHash: await hashPassword(PASSWORD, { N: 2 ** 14, r: 8, p: 1 }) },
      log,
    );
    const seedSeconds = Math.round((performance.now() - seedStarted) / 100) / 10;
    log(`seeded ${seed.conversations} conversations, ${seed.messages} messages in ${seedSeconds} s`);

    const { baseUrl } = await startWebOnlyApp({ databaseUrl, secrets: generateSecrets(), logLevel: "warn", log });
    const managerCookie = await signIn(baseUrl, seed.managerEmail);
    const agentCookie = await signIn(baseUrl, seed.agentEmail);
    const agentChannels = (await raw.query(`SELECT channel_id FROM page_memberships WHERE agent_id = $1`, [seed.agentId])).rows.map((r) => r.channel_id as string);

    const api = (cookie: string, url: string) => async () => {
      const response = await fetch(`${baseUrl}${url}`, { headers: { cookie } });
      const body = await response.text();
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${body.slice(0, 200)}`);
      return body;
    };
    const sql = (build: () => { text: string; values: unknown[] }) => async () => {
      const { text, values } = build();
      return raw!.query(text, values);
    };
    const listSpec = (over: Partial<ConversationListSpec>): ConversationListSpec => ({
      accountId: seed.accountId,
      agentId: seed.managerId,
      channelIds: null,
      platform: null,
      folder: "all",
      search: null,
      cursor: null,
      limit: 51,
      now: new Date(),
      ...over,
    });

    // A cursor 20 pages deep into All (keyset pages cost the same at any depth).
    let deepCursor: string | null = null;
    for (let i = 0; i < 20; i++) {
      const page = JSON.parse(await api(managerCookie, `/api/conversations?folder=all${deepCursor ? `&cursor=${deepCursor}` : ""}`)()) as {
        nextCursor: string | null;
      };
      deepCursor = page.nextCursor;
    }

    /** A search as the API runs it: the frequency probe, then the page with the strategy it chose. */
    const rawSearch = (term: string) => async () => {
      const probe = searchProbeSql({ accountId: seed.accountId, search: term });
      const strategy = strategyForProbe((await raw!.query(probe.text, probe.values)).rows[0]);
      const { text, values } = conversationListSql(listSpec({ search: term, searchStrategy: strategy }));
      return raw!.query(text, values);
    };

    // The domain functions the routes call, run in this process on the same database (lib/db reads
    // DATABASE_URL when first imported).
    process.env.DATABASE_URL = databaseUrl;
    const { listConversations } = await import("@/lib/conversations/list-conversations");
    const { listConversationMessages } = await import("@/lib/conversations/list-conversation-messages");
    const { getConversation } = await import("@/lib/conversations/get-conversation");
    const { disconnectDb } = await import("@/lib/db");
    const session = (id: string, role: "MANAGER" | "AGENT") => ({ id, accountId: seed.accountId, name: role, email: `${role}@bench.test`, role, timezone: "UTC", sessionVersion: 1 });
    const manager = session(seed.managerId, "MANAGER");
    const agent = session(seed.agentId, "AGENT");

    const scenarios: {
      name: string;
      kind: "list" | "thread" | "search";
      api: () => Promise<unknown>;
      lib: () => Promise<unknown>;
      raw: () => Promise<unknown>;
    }[] = [
      {
        name: "list.all",
        kind: "list",
        api: api(managerCookie, "/api/conversations?folder=all"),
        lib: () => listConversations(manager, { folder: "all", limit: 50 }),
        raw: sql(() => conversationListSql(listSpec({}))),
      },
      {
        name: "list.unassigned",
        kind: "list",
        api: api(managerCookie, "/api/conversations?folder=unassigned"),
        lib: () => listConversations(manager, { folder: "unassigned", limit: 50 }),
        raw: sql(() => conversationListSql(listSpec({ folder: "unassigned" }))),
      },
      {
        name: "list.expiring",
        kind: "list",
        api: api(managerCookie, "/api/conversations?folder=expiring"),
        lib: () => listConversations(manager, { folder: "expiring", limit: 50 }),
        raw: sql(() => conversationListSql(listSpec({ folder: "expiring", now: new Date() }))),
      },
      {
        name: "list.mine_as_agent",
        kind: "list",
        api: api(agentCookie, "/api/conversations?folder=mine"),
        lib: () => listConversations(agent, { folder: "mine", limit: 50 }),
        raw: sql(() => conversationListSql(listSpec({ folder: "mine", agentId: seed.agentId, channelIds: agentChannels }))),
      },
      {
        name: "list.all_page_21",
        kind: "list",
        api: api(managerCookie, `/api/conversations?folder=all&cursor=${deepCursor}`),
        lib: () => listConversations(manager, { folder: "all", cursor: deepCursor!, limit: 50 }),
        raw: sql(() => conversationListSql(listSpec({ cursor: decodeListCursor(deepCursor!) }))),
      },
      // Searches have no target; they are measured so a regression shows (a rare name, a frequent phrase).
      {
        name: "search.rare_name",
        kind: "search",
        api: api(managerCookie, "/api/conversations?folder=all&q=Souza%2017"),
        lib: () => listConversations(manager, { folder: "all", q: "Souza 17", limit: 50 }),
        raw: rawSearch("Souza 17"),
      },
      {
        name: "search.frequent_text",
        kind: "search",
        api: api(managerCookie, "/api/conversations?folder=all&q=Norway"),
        lib: () => listConversations(manager, { folder: "all", q: "Norway", limit: 50 }),
        raw: rawSearch("Norway"),
      },
      {
        name: "thread.messages",
        kind: "thread",
        api: api(managerCookie, `/api/conversations/${seed.bigConversationId}/messages`),
        lib: () => listConversationMessages({ agent: manager, conversationId: seed.bigConversationId, limit: 50 }),
        raw: sql(() =>
          threadPageSql({ conversationId: seed.bigConversationId, accountId: seed.accountId, channelIds: null, before: null, limit: 51 }),
        ),
      },
      {
        name: "thread.detail",
        kind: "thread",
        api: api(managerCookie, `/api/conversations/${seed.bigConversationId}`),
        lib: () => getConversation({ agent: manager, conversationId: seed.bigConversationId }),
        raw: sql(() => conversationDetailSql({ conversationId: seed.bigConversationId, accountId: seed.accountId, channelIds: null })),
      },
    ];

    const results: Record<string, unknown> = {};
    const failures: string[] = [];
    for (const scenario of scenarios) {
      const apiStats = stats(await time(scenario.api));
      const libStats = stats(await time(scenario.lib));
      const rawStats = stats(await time(scenario.raw));
      const over = (a: { p50: number; p95: number }) => ({
        p50: Math.round((a.p50 / rawStats.p50) * 100) / 100,
        p95: Math.round((a.p95 / rawStats.p95) * 100) / 100,
      });
      const ratio = over(apiStats);
      results[scenario.name] = { api: apiStats, lib: libStats, raw: rawStats, ratio, libRatio: over(libStats) };
      if (scenario.kind !== "search") {
        const target = scenario.kind === "list" ? TARGETS.listP95Ms : TARGETS.threadP95Ms;
        if (apiStats.p95 > target) failures.push(`${scenario.name} p95 ${apiStats.p95} ms > ${target} ms`);
        if (ratio.p95 > TARGETS.maxRatio) failures.push(`${scenario.name} p95 ratio ${ratio.p95} > ${TARGETS.maxRatio}`);
      }
      log(
        `${scenario.name.padEnd(20)} api p50 ${apiStats.p50} p95 ${apiStats.p95} · lib p50 ${libStats.p50} p95 ${libStats.p95} · raw p50 ${rawStats.p50} p95 ${rawStats.p95} ms · api/raw p95 ${ratio.p95} · lib/raw p95 ${over(libStats).p95}`,
      );
    }

    // What every request costs before any inbox SQL: Next's request handling and HTTP (/api/health runs
    // `SELECT 1` and no session check) and, in addition, the session check of every signed-in route (JWT +
    // one agent row; /api/channels runs one small query besides). The ratio target compares whole API
    // requests with the bare SQL, so these floors are printed next to it.
    const floors = {
      health: stats(await time(api("", "/api/health"))),
      sessionChannels: stats(await time(api(managerCookie, "/api/channels"))),
    };
    log(`floor /api/health (no session, SELECT 1) p50 ${floors.health.p50} p95 ${floors.health.p95} ms`);
    log(`floor /api/channels (session check + one small query) p50 ${floors.sessionChannels.p50} p95 ${floors.sessionChannels.p95} ms`);

    await disconnectDb();

    const js = await firstLoadJs(ROOT);
    if (js.gzipKb > TARGETS.firstLoadJsKb) failures.push(`first-load JS ${js.gzipKb} KB > ${TARGETS.firstLoadJsKb} KB`);
    log(`first-load JS of /inbox: ${js.gzipKb} KB gzipped (${js.files.length} files, ${js.rawKb} KB raw)`);

    process.stdout.write(
      JSON.stringify({
        bench: "inbox",
        conversations: seed.conversations,
        messages: seed.messages,
        bigThreadMessages: 1000,
        iterations: ITERATIONS,
        seedSeconds,
        targets: TARGETS,
        results,
        floors,
        firstLoadJs: { gzipKb: js.gzipKb, rawKb: js.rawKb, files: js.files.length },
        pass: failures.length === 0,
        failures,
      }) + "\n",
    );
    process.exitCode = failures.length === 0 ? 0 : 1;
  } finally {
    await raw?.end().catch(() => {});
    await stopAllChildren();
    await server?.stop().catch((error: Error) => log(`cleanup: ${error.message}`));
  }
}

process.on("SIGINT", () => void stopAllChildren().then(() => process.exit(130)));
main().catch(async (error: Error) => {
  log(`failed: ${error.stack ?? error.message}`);
  await stopAllChildren();
  process.exit(1);
});
