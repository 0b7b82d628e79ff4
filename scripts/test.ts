// `npm test`: unit and integration tests (vitest) and browser tests (Playwright), on a throwaway database.
//
//   npm test                      everything
//   npm test -- --only=unit       one layer: unit | integration | instances | e2e | demo (repeatable)
//   npm test -- --skip-e2e        no browser needed
//
// `instances`: two production app servers on one database (scripts/*.instances.test.ts); needs the production
// build, not a browser.
//
// Postgres: DATABASE_URL's server when set (it must be local: tests create and drop databases), otherwise
// an embedded server in a temporary directory. Every database this run creates is dropped at the end.
// The browser tests' Chromium is found (or installed) before any test runs (scripts/lib/ensure-browser.ts):
// without one, the run stops at once with the command to run instead of failing minutes later.
import path from "node:path";
import type { RunningSimulator } from "../meta-simulator";
import { databaseName } from "./db/postgres";
import { APP_SERVER_ARGS } from "./lib/app-server";
import { ensureBrowser } from "./lib/ensure-browser";
import { ensureNextBuild } from "./lib/next-build";
import { ensurePrismaClient } from "./lib/prisma-client";
import { freePort } from "./db/postgres";
import { run, SERVER_SCRIPT, startChild, stopAllChildren, waitForHttp } from "./lib/processes";
import { generateSecrets } from "./lib/secrets";
import { runDemoSmoke } from "./testing/demo-smoke";
import { createTestDatabase, startTestServer, type TestServer } from "./testing/test-database";

const ROOT = path.join(import.meta.dirname, "..");
const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);
const log = (line: string) => process.stdout.write(`\x1b[35mtest     │\x1b[0m ${line}\n`);

type Layer = "unit" | "integration" | "instances" | "e2e" | "demo";
const args = process.argv.slice(2);
const only = args.filter((a) => a.startsWith("--only=")).map((a) => a.slice("--only=".length) as Layer);
const layers = new Set<Layer>(only.length ? only : ["unit", "integration", "instances", "e2e", "demo"]);
if (args.includes("--skip-e2e")) {
  layers.delete("e2e");
  layers.delete("demo");
}
const passThrough = args.filter((a) => !a.startsWith("--only=") && a !== "--skip-e2e");

let server: TestServer | undefined;
let simulator: RunningSimulator | undefined;

async function runVitest(projects: Layer[]) {
  await run("vitest", bin("vitest"), ["run", ...projects.flatMap((p) => ["--project", p]), ...passThrough], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "test",
      ...(server ? { TEST_PG_ADMIN_URL: server.adminUrl, TEST_TEMPLATE_DB: server.template } : {}),
    },
  });
}

async function runE2e(chromium: string) {
  const { startSimulator } = await import("../meta-simulator");
  const databaseUrl = await createTestDatabase(server!.adminUrl, server!.template, "e2e");
  const port = await freePort();
  const secrets = generateSecrets();
  const appUrl = `http://localhost:${port}`;
  // Meta, for the browser tests: the demo dataset, this run's app secrets and webhook callback.
  simulator = await startSimulator({
    dataset: "demo",
    port: 0,
    stateFile: null,
    app: {
      id: secrets.META_APP_ID,
      secret: secrets.META_APP_SECRET,
      verifyToken: secrets.META_VERIFY_TOKEN,
      callbackUrl: `${appUrl}/api/webhooks/meta`,
      redirectUris: [`${appUrl}/admin/channels/callback`, `${appUrl}/admin/channels/instagram-callback`],
    },
  });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...secrets,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    APP_URL: appUrl,
    META_GRAPH_BASE_URL: simulator.url,
    META_OAUTH_DIALOG_URL: `http://localhost:${simulator.port}`,
    // Instagram Login's three hosts: the window opens in the browser (localhost), the others are server-side.
    META_INSTAGRAM_OAUTH_URL: `http://localhost:${simulator.port}/ig-www`,
    META_INSTAGRAM_API_URL: `${simulator.url}/ig-api`,
    META_INSTAGRAM_GRAPH_BASE_URL: `${simulator.url}/ig-graph`,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  log(`e2e database ${databaseName(databaseUrl)}, Meta simulator ${simulator.url}`);
  await run("seed", process.execPath, [...SERVER_SCRIPT, "scripts/demo/seed-demo.ts"], { cwd: ROOT, env, quiet: true });
  await ensureNextBuild(env, log);
  const app = startChild("app", process.execPath, APP_SERVER_ARGS, {
    cwd: ROOT,
    env,
    quiet: !process.env.E2E_APP_LOGS,
  });
  void app.exited;
  await waitForHttp(`http://localhost:${port}/api/health`, { timeoutMs: 60_000 });
  await run("e2e", bin("playwright"), ["test", ...passThrough], {
    cwd: ROOT,
    env: { ...env, E2E_BASE_URL: `http://localhost:${port}`, SIMULATOR_URL: simulator.url, CHROMIUM_PATH: chromium },
  });
}

async function main() {
  const started = Date.now();
  const chromium = layers.has("e2e") ? await ensureBrowser(log) : null;
  await ensurePrismaClient(log);
  if (layers.has("integration") || layers.has("instances") || layers.has("e2e")) server = await startTestServer(log);
  const vitestProjects = (["unit", "integration"] as const).filter((l) => layers.has(l));
  if (vitestProjects.length) await runVitest([...vitestProjects]);
  if (layers.has("instances")) {
    // The app servers these tests start serve the production build: build it here (once, also for e2e),
    // not inside a test's timeout.
    await ensureNextBuild(
      // Nothing connects while building; the variables only have to be valid.
      { ...process.env, ...generateSecrets(), DATABASE_URL: "postgresql://build@localhost/unused", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
      log,
    );
    await runVitest(["instances"]);
  }
  if (chromium) await runE2e(chromium);
  if (layers.has("demo")) {
    // After e2e: the production build is fresh; the demo launcher reuses it.
    await stopAllChildren();
    await runDemoSmoke(log);
  }
  log(`all green in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

async function cleanup() {
  await stopAllChildren();
  await simulator?.close().catch((error: Error) => log(`cleanup: ${error.message}`));
  await server?.stop().catch((error: Error) => log(`cleanup: ${error.message}`));
}

process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));
main()
  .then(cleanup)
  .catch(async (error: Error) => {
    log(`\x1b[31m${error.message}\x1b[0m`);
    await cleanup();
    process.exit(1);
  });
