// One Postgres server per test run: TEST_PG_ADMIN_URL when the runner (scripts/test.ts) already started
// one, DATABASE_URL when set (local servers only), otherwise an embedded server in a temporary directory.
// A template database is migrated once; every integration test file gets its own copy of it.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { migrate } from "../db/migrate";
import {
  assertLocalDatabaseUrl,
  createDatabase,
  databaseUrl,
  dropDatabase,
  listDatabases,
  serverUrlOf,
  startEmbeddedPostgres,
} from "../db/postgres";

export interface TestServer {
  adminUrl: string;
  /** Every database of this run starts with it; cleanup drops them all. */
  prefix: string;
  template: string;
  stop(): Promise<void>;
}

export async function startTestServer(log: (line: string) => void = () => {}): Promise<TestServer> {
  const prefix = `inbox_test_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  let adminUrl: string;
  let stopServer = async () => {};
  if (process.env.DATABASE_URL) {
    assertLocalDatabaseUrl(process.env.DATABASE_URL);
    adminUrl = serverUrlOf(process.env.DATABASE_URL);
    log(`tests use the Postgres server of DATABASE_URL (${new URL(adminUrl).host})`);
  } else {
    const dataDir = await mkdtemp(path.join(tmpdir(), "inbox-test-pg-"));
    const server = await startEmbeddedPostgres({ dataDir, persistent: false, log });
    adminUrl = server.adminUrl;
    stopServer = async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
    log(`tests use an embedded Postgres on ${new URL(adminUrl).host}`);
  }
  const template = `${prefix}_template`;
  await createDatabase(adminUrl, template);
  await migrate(databaseUrl(adminUrl, template));
  return {
    adminUrl,
    prefix,
    template,
    stop: async () => {
      for (const name of await listDatabases(adminUrl, prefix)) await dropDatabase(adminUrl, name);
      await stopServer();
    },
  };
}

/** A fresh, migrated database for one test file (or one e2e run). */
export async function createTestDatabase(adminUrl: string, template: string, label: string): Promise<string> {
  const prefix = template.replace(/_template$/, "");
  const name = `${prefix}_${label.replace(/[^a-z0-9]+/gi, "_").toLowerCase().slice(0, 20)}_${randomBytes(3).toString("hex")}`;
  await createDatabase(adminUrl, name, template);
  return databaseUrl(adminUrl, name);
}
