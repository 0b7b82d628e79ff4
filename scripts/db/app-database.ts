// The database the app runs on: DATABASE_URL when set, otherwise the embedded Postgres kept in
// `.data/postgres` (git-ignored), which persists between runs.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";
import { createDatabase, databaseExists, databaseName, databaseUrl, serverUrlOf, startEmbeddedPostgres } from "./postgres";

/** Local state of demo/dev runs (embedded Postgres, secrets, simulator state). INBOX_DATA_DIR moves it. */
export const DATA_DIR = process.env.INBOX_DATA_DIR ? path.resolve(process.env.INBOX_DATA_DIR) : path.join(import.meta.dirname, "..", "..", ".data");
const EMBEDDED_DATABASE = "inbox";

/**
 * As root, Postgres runs as the `postgres` system user, which must be able to walk down to its data folder.
 * A checkout under a private home (e.g. /root, mode 0700) is not reachable: the data then lives in
 * /var/tmp/inbox-postgres-<hash of the checkout>, and a note in .data says where.
 */
function reachablePostgresDir(preferred: string, log: (line: string) => void): string {
  if (userInfo().uid !== 0) return preferred;
  let dir = path.dirname(preferred);
  while (true) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) break;
    const parent = path.dirname(dir);
    if (parent === dir) return preferred;
    dir = parent;
  }
  const fallback = path.join("/var/tmp", `inbox-postgres-${createHash("sha256").update(preferred).digest("hex").slice(0, 12)}`);
  mkdirSync(path.dirname(preferred), { recursive: true });
  writeFileSync(path.join(path.dirname(preferred), "postgres-location.txt"), `${fallback}\n`);
  log(`${dir} is private (mode ${(statSync(dir).mode & 0o777).toString(8)}): Postgres data goes to ${fallback}`);
  return fallback;
}

export interface AppDatabase {
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

export async function openAppDatabase(log: (line: string) => void = () => {}): Promise<AppDatabase> {
  const configured = process.env.DATABASE_URL?.trim();
  if (configured) {
    const name = databaseName(configured);
    if (!(await databaseExists(serverUrlOf(configured), name).catch(() => true))) {
      log(`creating database ${name}`);
      await createDatabase(serverUrlOf(configured), name);
    }
    return { url: configured, embedded: false, close: async () => {} };
  }
  const dataDir = reachablePostgresDir(path.join(DATA_DIR, "postgres"), log);
  log(`starting embedded Postgres (data in ${path.relative(process.cwd(), dataDir) || dataDir})`);
  const server = await startEmbeddedPostgres({ dataDir, persistent: true, log });
  if (!(await databaseExists(server.adminUrl, EMBEDDED_DATABASE))) await createDatabase(server.adminUrl, EMBEDDED_DATABASE);
  return { url: databaseUrl(server.adminUrl, EMBEDDED_DATABASE), embedded: true, close: () => server.stop() };
}
