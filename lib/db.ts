import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";
import { logger } from "./logger";

// One Prisma client (and one pg pool under it) per process. Dev hot reload re-evaluates modules, so the
// instance lives on globalThis rather than in module scope. Neither connects before its first query.
//
// Secrets are omitted from every query unless a caller asks for them explicitly
// (`omit: { accessTokenEncrypted: false }`), so they cannot reach a response by accident.
function createDb() {
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    connectionTimeoutMillis: 5_000,
    application_name: "inbox",
  });
  // An idle connection that Postgres terminates (restart, failover, admin) emits "error" on the pool; without a
  // listener Node treats it as unhandled and the whole process dies. The pool replaces the connection.
  pool.on("error", (error) => logger.warn("idle database connection lost", { error }));
  const client = new PrismaClient({
    adapter: new PrismaPg(pool),
    // Prisma's default (5 s, 2 s to get a connection) aborts short transactions on a loaded machine — a
    // Page connect failed at 5.15 s on a busy 2-core host. Work that must stay short keeps its own bound.
    transactionOptions: { timeout: 30_000, maxWait: 10_000 },
    omit: {
      channel: { accessTokenEncrypted: true },
      agent: { passwordHash: true },
    },
  });
  return { pool, client };
}

const holder = globalThis as unknown as { __inboxDb?: ReturnType<typeof createDb> };
holder.__inboxDb ??= createDb();

export const db = holder.__inboxDb.client;
export type Db = typeof db;
/** A Prisma interactive transaction: writes that must commit together run inside one, with the row locks it holds. */
export type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/** The pg pool under Prisma, for LISTEN/NOTIFY and the few hot paths written in SQL. */
export const pool: pg.Pool = holder.__inboxDb.pool;

export async function disconnectDb(): Promise<void> {
  await db.$disconnect();
  await pool.end().catch(() => {});
}
