import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { migrate } from "./migrate";
import { createDatabase, databaseUrl } from "./postgres";

// The per-file test database is already migrated; each case exercises the runner on an empty one of its own.
let emptyDatabaseUrl = "";
let cases = 0;
beforeEach(async () => {
  const name = `${new URL(process.env.DATABASE_URL!).pathname.slice(1)}_runner${++cases}`;
  await createDatabase(inject("testPgAdminUrl"), name);
  emptyDatabaseUrl = databaseUrl(inject("testPgAdminUrl"), name);
});

// Runs the runner against its own throwaway migrations folder, in the per-file test database's own schema.
function migrationsDir(files: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), "migrations-"));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

async function query<T extends pg.QueryResultRow>(sql: string) {
  const client = new pg.Client({ connectionString: emptyDatabaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("migration runner", () => {
  it("applies pending migrations once, in order, with Prisma's bookkeeping", async () => {
    const dir = migrationsDir({
      "20300101000000_a": "CREATE TABLE runner_a (id int);",
      "20300101000001_b": "ALTER TABLE runner_a ADD COLUMN note text;",
    });
    const first = await migrate(emptyDatabaseUrl, { dir });
    expect(first.applied).toEqual(["20300101000000_a", "20300101000001_b"]);
    const second = await migrate(emptyDatabaseUrl, { dir });
    expect(second.applied).toEqual([]);
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations WHERE migration_name LIKE '2030%' ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(["20300101000000_a", "20300101000001_b"]);
    expect(rows.every((r) => r.finished_at !== null && r.applied_steps_count === 1 && /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
  });

  it("rolls back a failing migration completely and refuses to continue past it", async () => {
    const dir = migrationsDir({
      "20300201000000_ok": "CREATE TABLE runner_ok (id int);",
      "20300201000001_bad": "CREATE TABLE runner_half (id int); SELECT * FROM no_such_table;",
    });
    await expect(migrate(emptyDatabaseUrl, { dir })).rejects.toThrow(/20300201000001_bad failed/);
    const tables = await query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE tablename IN ('runner_ok','runner_half')`);
    expect(tables.map((t) => t.tablename)).toEqual(["runner_ok"]);
    const recorded = await query<{ migration_name: string }>(`SELECT migration_name FROM _prisma_migrations WHERE migration_name LIKE '203002%'`);
    expect(recorded.map((r) => r.migration_name)).toEqual(["20300201000000_ok"]);
  });

  it("refuses a migration edited after it was applied", async () => {
    const dir = migrationsDir({ "20300301000000_x": "CREATE TABLE runner_x (id int);" });
    await migrate(emptyDatabaseUrl, { dir });
    writeFileSync(path.join(dir, "20300301000000_x", "migration.sql"), "CREATE TABLE runner_x (id bigint);");
    await expect(migrate(emptyDatabaseUrl, { dir })).rejects.toThrow(/edited after it was applied/);
  });
});
