// The launcher behind `npm run demo`, `npm run dev`, `npm start` and `npm run worker`.
//
//   demo   embedded Postgres (or DATABASE_URL) → migrations → Meta simulator (:4010) → demo team, demo Pages
//          connected through the sync (first run) → production build → app on :3000
//   dev    the same with `next dev`
//   start  production: configuration must come from the environment; migrations → the app server
//   worker production: a worker process (jobs, webhook processing, sync; no Next, no HTTP) on DATABASE_URL,
//          next to web instances started with WORKER_ENABLED=false (lib/worker/worker-process.ts)
//
// Ctrl-C stops every process it started, the simulator (saving its state), then Postgres. A second run reuses
// the data in .data/ (database, secrets, simulator state). With META_GRAPH_BASE_URL set, demo and dev talk to
// that Graph API instead of starting the simulator.
import path from "node:path";
import { parseEnv } from "@/lib/config/env-schema";
import { DATA_DIR, openAppDatabase, type AppDatabase } from "./db/app-database";
import { migrate } from "./db/migrate";
import { DEMO_LOGINS } from "./demo/demo-logins";
import type { DemoSimulator } from "./demo/demo-simulator";
import { APP_SERVER_ARGS } from "./lib/app-server";
import { ensureNextBuild } from "./lib/next-build";
import { ensurePrismaClient } from "./lib/prisma-client";
import { run, SERVER_SCRIPT, startChild, stopAllChildren, waitForHttp, type Child } from "./lib/processes";
import { loadLocalSecrets } from "./lib/secrets";

type Mode = "demo" | "dev" | "start" | "worker";
const ROOT = path.join(import.meta.dirname, "..");
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");

const log = (line: string) => process.stdout.write(`\x1b[36mlauncher │\x1b[0m ${line}\n`);

let database: AppDatabase | undefined;
let simulator: DemoSimulator | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  log("stopping…");
  await stopAllChildren();
  await simulator?.sim.close().catch(() => {});
  await database?.close().catch(() => {});
  log("stopped");
  process.exit(code);
}

/** `npm run worker`: migrations, then the worker process, until Ctrl-C / SIGTERM. */
async function worker() {
  if (!process.env.DATABASE_URL?.trim()) throw new Error("npm run worker needs DATABASE_URL: the Postgres your app instances use.");
  await ensurePrismaClient(log);
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
  const config = parseEnv(env);
  database = await openAppDatabase(log);
  // Migrations hold a session-level advisory lock: through a session-keeping connection when one is named.
  const result = await migrate(config.DATABASE_LISTEN_URL ?? database.url, { log });
  log(result.applied.length ? `applied ${result.applied.length} migration(s)` : "database schema is up to date");
  const child = startChild("worker", process.execPath, [...SERVER_SCRIPT, path.join(ROOT, "lib/worker/worker-process.ts")], { cwd: ROOT, env });
  void child.exited.then((code) => {
    if (!stopping) {
      log(`the worker exited (code ${code})`);
      void shutdown(code || 1);
    }
  });
  log("worker running (jobs, webhook processing, sync). Press Ctrl-C to stop.");
}

async function main(mode: Mode) {
  if (mode === "worker") return worker();
  const port = Number(process.env.PORT ?? 3000);
  const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
  const local = mode === "start" ? {} : loadLocalSecrets(DATA_DIR);

  await ensurePrismaClient(log);
  database = await openAppDatabase(log);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...local,
    DATABASE_URL: database.url,
    APP_URL: appUrl,
    PORT: String(port),
    NODE_ENV: mode === "dev" ? "development" : "production",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // Same validation the app applies, before anything starts: a missing secret fails here, clearly.
  const config = parseEnv(env);

  if (mode !== "start" && !process.env.META_GRAPH_BASE_URL) {
    // Imported here, not at the top: `npm start` (production) must never load the simulator.
    const { startDemoSimulator } = await import("./demo/demo-simulator");
    simulator = await startDemoSimulator({
      dataDir: DATA_DIR,
      appUrl,
      app: { id: config.META_APP_ID, secret: config.META_APP_SECRET, verifyToken: config.META_VERIFY_TOKEN },
      log: (line) => log(`meta simulator: ${line}`),
    });
    env.META_GRAPH_BASE_URL = simulator.graphBaseUrl;
    env.META_OAUTH_DIALOG_URL = simulator.dialogBaseUrl;
    env.META_INSTAGRAM_OAUTH_URL = simulator.instagramOAuthUrl;
    env.META_INSTAGRAM_API_URL = simulator.instagramApiUrl;
    env.META_INSTAGRAM_GRAPH_BASE_URL = simulator.instagramGraphBaseUrl;
    log(`Meta simulator on ${simulator.graphBaseUrl} (state in .data/simulator.json)`);
  }

  // Migrations hold a session-level advisory lock: through a session-keeping connection when one is named.
  const result = await migrate(config.DATABASE_LISTEN_URL ?? database.url, { log });
  log(result.applied.length ? `applied ${result.applied.length} migration(s)` : "database schema is up to date");

  if (mode !== "start") {
    await run("seed", process.execPath, [...SERVER_SCRIPT, path.join(ROOT, "scripts/demo/seed-demo-team.ts")], { cwd: ROOT, env });
  }

  let app: Child;
  if (mode === "dev") {
    app = startChild("app", process.execPath, [NEXT_BIN, "dev", "-p", String(port)], { cwd: ROOT, env });
  } else {
    await ensureNextBuild(env, log);
    app = startChild("app", process.execPath, APP_SERVER_ARGS, { cwd: ROOT, env });
  }
  void app.exited.then((code) => {
    if (!stopping) {
      log(`the app exited (code ${code})`);
      void shutdown(code || 1);
    }
  });
  await waitForHttp(`http://localhost:${port}/api/health`);
  if (simulator) {
    // With the app up, Meta's verification GET reaches our callback; then (first run only) the demo Pages are
    // connected — subscribing their webhooks and queueing the backfill the app's worker runs.
    const verification = await simulator.sim.control<{ ok: boolean; error: string | null }>("POST", "/webhooks/verify").catch((error: Error) => ({ ok: false, error: error.message }));
    log(verification.ok ? "meta simulator: webhook callback verified" : `meta simulator: webhook verification failed (${verification.error ?? "?"})`);
    await run("connect", process.execPath, [...SERVER_SCRIPT, path.join(ROOT, "scripts/demo/connect-demo-channels.ts"), simulator.graphBaseUrl], { cwd: ROOT, env });
  }

  log("");
  log(`Inbox is running at ${appUrl}`);
  if (mode !== "start") {
    log("Sign in with any of these demo logins:");
    for (const login of DEMO_LOGINS) log(`  ${login.role.padEnd(8)} ${login.email.padEnd(26)} password: ${login.password}`);
  }
  if (simulator) {
    log("");
    log(`Write as a customer of the demo Pages: ${simulator.customerPageUrl}`);
    log(`Meta simulator (Graph API, control API /__control): ${simulator.graphBaseUrl}`);
  }
  log(database.embedded ? "Data lives in .data/ (embedded Postgres). Press Ctrl-C to stop." : "Press Ctrl-C to stop.");
}

const mode = process.argv[2] as Mode;
if (!["demo", "dev", "start", "worker"].includes(mode)) {
  console.error("usage: tsx scripts/run.ts demo|dev|start|worker");
  process.exit(2);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
main(mode).catch((error: Error) => {
  console.error(`\n${error.message}\n`);
  void shutdown(1);
});
