// The migrations under prisma/migrations must produce exactly the database schema.prisma describes.
// (Prisma's own `migrate diff` needs an engine binary this machine cannot download; see scripts/db.)
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pool } from "@/lib/db";
import { diffSchemas, readCatalog } from "@/scripts/db/catalog";
import { expectedSchema, readDmmf, SCHEMA_PATH } from "@/scripts/db/expected-schema";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

async function catalog() {
  const client = await pool.connect();
  try {
    return await readCatalog(client);
  } finally {
    client.release();
  }
}

function schemaVariant(edit: (source: string) => string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "schema-variant-"));
  const file = path.join(dir, "schema.prisma");
  writeFileSync(file, edit(readFileSync(SCHEMA_PATH, "utf8")));
  return file;
}

describe("schema drift", () => {
  it("the migrated database matches prisma/schema.prisma", async () => {
    expect(diffSchemas(expectedSchema(), await catalog())).toEqual([]);
  });

  it("notices a column added to the schema without a migration", async () => {
    const file = schemaVariant((s) =>
      s.replace("  lastSeenAt     DateTime?", '  nickname       String?\n  lastSeenAt     DateTime?'),
    );
    expect(diffSchemas(expectedSchema(readDmmf(file)), await catalog())).toEqual([
      "column agents.nickname is missing in the database",
    ]);
  });

  it("notices a changed nullability, default and index", async () => {
    const file = schemaVariant((s) =>
      s
        .replace('timezone  String   @default("UTC")', 'timezone  String   @default("Europe/Paris")')
        .replace("  name             String?\n  username", "  name             String\n  username")
        .replace("@@index([accountId, role, active])", "@@index([accountId, role])"),
    );
    const problems = diffSchemas(expectedSchema(readDmmf(file)), await catalog());
    expect(problems).toContain("column accounts.timezone: default 'Europe/Paris'::text in the schema, 'UTC'::text in the database");
    expect(problems).toContain("column contacts.name: NOT NULL in the schema, nullable in the database");
    expect(problems).toContain("index agents_account_id_role_idx on agents is missing in the database");
    expect(problems).toContain("index agents_account_id_role_active_idx on agents exists in the database but not in the schema");
  });

  it("notices a table the migrations create but the schema lacks", async () => {
    const client = await pool.connect();
    try {
      await client.query("CREATE TABLE stray (id int)");
      expect(diffSchemas(expectedSchema(), await readCatalog(client))).toContain(
        "table stray exists in the database but not in the schema",
      );
    } finally {
      await client.query("DROP TABLE stray");
      client.release();
    }
  });
});
