// Regenerates the Prisma client when prisma/schema.prisma changed since the last generation (e.g. after a
// pull that brought a migration), so `npm test` and `npm run demo` never run against a stale client.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { run } from "./processes";

const ROOT = path.join(import.meta.dirname, "..", "..");
const SCHEMA = path.join(ROOT, "prisma", "schema.prisma");
const STAMP = path.join(ROOT, "lib", "generated", "prisma", ".schema-sha256");

export async function ensurePrismaClient(log: (line: string) => void): Promise<void> {
  const hash = createHash("sha256").update(readFileSync(SCHEMA)).digest("hex");
  if (existsSync(STAMP) && readFileSync(STAMP, "utf8") === hash) return;
  log("prisma/schema.prisma changed: regenerating the Prisma client");
  await run("prisma", process.execPath, [path.join(ROOT, "scripts", "prisma-generate.mjs")], { cwd: ROOT, quiet: true });
  writeFileSync(STAMP, hash);
}
