// vitest setupFile of the integration project: each test file runs on its own copy of the migrated
// template, so files can run in parallel and never see each other's rows. Runs before the test file is
// imported, so lib/db.ts picks up this DATABASE_URL.
import path from "node:path";
import { afterAll, expect, inject } from "vitest";
import { dropDatabase, databaseName } from "../db/postgres";
import { createTestDatabase } from "./test-database";

const adminUrl = inject("testPgAdminUrl");
const file = expect.getState().testPath ?? "test";
process.env.DATABASE_URL = await createTestDatabase(adminUrl, inject("testTemplateDatabase"), path.basename(file));

afterAll(async () => {
  const { disconnectDb } = await import("../../lib/db");
  await disconnectDb();
  await dropDatabase(adminUrl, databaseName(process.env.DATABASE_URL!));
});
