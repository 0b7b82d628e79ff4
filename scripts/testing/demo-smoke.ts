// The README's promise, checked: `npm run demo` on a machine without DATABASE_URL starts the whole product
// (embedded Postgres, migrations, demo seed, the Meta simulator, the app), the printed login signs in, the
// simulator's conversations arrive through the sync, review has numbers, Ctrl-C stops every process, and a
// second run reuses the data. Runs the real launcher (scripts/run.ts demo) in a temporary data folder on
// free ports. Part of `npm test` (layer "demo").
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { freePort } from "../db/postgres";
import { DEMO_LOGINS } from "../demo/demo-logins";

const ROOT = path.join(import.meta.dirname, "..", "..");

interface RunningDemo {
  appUrl: string;
  output: string[];
  stop(): Promise<number>;
}

async function startDemo(dataDir: string, ports: { app: number; simulator: number }, log: (line: string) => void): Promise<RunningDemo> {
  const env: NodeJS.ProcessEnv = { ...process.env, INBOX_DATA_DIR: dataDir, PORT: String(ports.app), SIMULATOR_PORT: String(ports.simulator) };
  // The promise is about a machine with nothing configured: embedded Postgres, generated secrets.
  for (const key of ["DATABASE_URL", "META_GRAPH_BASE_URL", "META_OAUTH_DIALOG_URL", "META_INSTAGRAM_OAUTH_URL", "META_INSTAGRAM_API_URL", "META_INSTAGRAM_GRAPH_BASE_URL", "APP_URL", "AUTH_SECRET", "TOKEN_ENCRYPTION_KEY"]) delete env[key];
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/run.ts", "demo"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  let ready: () => void = () => {};
  let failed: (error: Error) => void = () => {};
  const started = new Promise<void>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => {
      output.push(line);
      if (line.includes("Inbox is running at")) ready();
    });
  }
  const exited = new Promise<number>((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1))));
  void exited.then((code) => failed(new Error(`the demo exited before it was ready (code ${code}):\n${output.slice(-30).join("\n")}`)));
  const timer = setTimeout(() => failed(new Error(`the demo was not ready within 5 minutes:\n${output.slice(-30).join("\n")}`)), 300_000);
  await started.finally(() => clearTimeout(timer));
  log(`demo ready on :${ports.app} (simulator :${ports.simulator})`);
  return {
    appUrl: `http://localhost:${ports.app}`,
    output,
    stop: async () => {
      child.kill("SIGINT");
      return exited;
    },
  };
}

/** A minimal cookie jar for next-auth's credentials sign-in. */
async function signIn(appUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${appUrl}/api/auth/csrf`);
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  const session = response.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith("authjs.session-token="));
  if (response.status !== 302 || !session) throw new Error(`the printed demo login ${email} did not sign in (HTTP ${response.status})`);
  return session;
}

async function json<T>(appUrl: string, cookie: string, path: string): Promise<T> {
  const response = await fetch(`${appUrl}${path}`, { headers: { cookie, accept: "application/json" } });
  if (!response.ok) throw new Error(`GET ${path} answered HTTP ${response.status}`);
  return (await response.json()) as T;
}

async function poll<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read().catch(() => undefined);
    if (last !== undefined && ok(last)) return last;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error(`${what}: not reached within ${timeoutMs / 1000} s (last: ${JSON.stringify(last)?.slice(0, 300)})`);
}

async function portClosed(port: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2_000) }).then(
    () => false,
    () => true,
  );
}

function expect(condition: boolean, message: string) {
  if (!condition) throw new Error(message);
}

interface Counts {
  conversations: number;
  fromSimulator: number;
}

async function checkRunningDemo(demo: RunningDemo, log: (line: string) => void): Promise<Counts> {
  const health = (await (await fetch(`${demo.appUrl}/api/health`)).json()) as { ok: boolean; db: string };
  expect(health.ok && health.db === "up", `health: ${JSON.stringify(health)}`);
  for (const login of DEMO_LOGINS) expect(demo.output.some((line) => line.includes(login.email) && line.includes(login.password)), `the banner does not print ${login.email}`);
  expect(demo.output.some((line) => line.includes("/customer")), "the banner does not print the customer page");

  const wrong = await signIn(demo.appUrl, DEMO_LOGINS[0].email, "not-the-password").then(
    () => "signed in",
    () => "refused",
  );
  expect(wrong === "refused", "a wrong password was accepted");
  const manager = await signIn(demo.appUrl, DEMO_LOGINS.find((l) => l.role === "MANAGER")!.email, DEMO_LOGINS[0].password);
  const unauthenticated = await fetch(`${demo.appUrl}/api/conversations`);
  expect(unauthenticated.status === 401, `/api/conversations without a session answered ${unauthenticated.status}`);

  // The simulator's conversations arrive through the sync (backfill jobs started by the connect step).
  type Page = { conversations: { channel: { name: string } }[]; nextCursor: string | null };
  const counts = await poll(
    "conversations from the Meta simulator in the inbox",
    async () => {
      let cursor: string | null = null;
      const all: Page["conversations"] = [];
      do {
        const page: Page = await json<Page>(demo.appUrl, manager, `/api/conversations?folder=all&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
        all.push(...page.conversations);
        cursor = page.nextCursor;
      } while (cursor);
      return { conversations: all.length, fromSimulator: all.filter((c) => c.channel.name !== "Northwind Outfitters").length };
    },
    (c) => c.fromSimulator >= 30,
  );
  log(`inbox holds ${counts.conversations} conversations`);

  const reports = await json<{ reports: Record<string, unknown> }>(demo.appUrl, manager, "/api/review/reports");
  expect(JSON.stringify(reports.reports).length > 200, "review reports are empty");
  return counts;
}

export async function runDemoSmoke(log: (line: string) => void): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "inbox-demo-smoke-"));
  // Postgres runs as the `postgres` system user when we are root: it must be able to enter the folder.
  await chmod(dataDir, 0o755);
  const ports = { app: await freePort(), simulator: await freePort() };
  try {
    const first = await startDemo(dataDir, ports, log);
    let counts: Counts;
    try {
      counts = await checkRunningDemo(first, log);
    } finally {
      const code = await first.stop();
      log(`first run stopped (exit code ${code})`);
    }
    expect(await portClosed(ports.app), "the app still answers after Ctrl-C");
    expect(await portClosed(ports.simulator), "the simulator still answers after Ctrl-C");
    expect(!existsSync(path.join(dataDir, "postgres", "postmaster.pid")), "Postgres is still running after Ctrl-C");

    // A second run reuses the data: same conversations at once, nothing seeded or connected twice.
    const second = await startDemo(dataDir, ports, log);
    try {
      expect(second.output.some((line) => line.includes("demo team already present")), "the second run seeded the team again");
      const again = await checkRunningDemo(second, log);
      expect(again.fromSimulator === counts.fromSimulator, `the second run has ${again.fromSimulator} simulator conversations, the first had ${counts.fromSimulator}`);
    } finally {
      await second.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
