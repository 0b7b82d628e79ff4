// Prisma CLI configuration. The app itself never reads this file: it connects through
// lib/db.ts with the node-postgres driver adapter. `prisma migrate deploy` (where Prisma's schema
// engine can be downloaded) uses the same migrations folder as our runner (scripts/db/migrate.ts).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
