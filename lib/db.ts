import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { Prisma, PrismaClient } from "./generated/prisma/client";
import { logger } from "./logger";

// One Prisma client (and one pg pool under it) per process. Dev hot reload re-evaluates modules, so the
// instance lives on globalThis rather than in module scope. Neither connects before its first query.
//
// Secrets are omitted from every query unless a caller asks for them explicitly
// (`omit: { accessTokenEncrypted: false }`), so they cannot reach a response by accident.
/** Postgres ends a session of ours that stays idle inside a transaction this long (see createDb). */
export const IDLE_IN_TRANSACTION_TIMEOUT_MS = 20_000;

function createDb() {
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    connectionTimeoutMillis: 5_000,
    application_name: "inbox",
    // A process that stops mid-transaction (frozen VM, stop-the-world pause, lost network) keeps its row locks
    // until Postgres ends the session, and every other instance waits behind them. No transaction of ours sits
    // idle between two statements for anywhere near this long (Prisma's own limits are 5 s, 60 s for a whole
    // sync page or webhook batch), so Postgres ends such a session after 20 s and the others go on.
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
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

/**
 * The raw-SQL part of a database client. A Prisma transaction has it, and so has the pg transaction of
 * `sqlTransaction`: code that needs nothing else takes this, and runs inside either.
 */
export interface SqlClient {
  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

const INT8_OID = 20;
const INT8_ARRAY_OID = 1016;
/** Results as Prisma's raw queries give them: int8 as bigint (pg's default is a string). */
const SQL_TYPES = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8_OID) return (value: string) => BigInt(value);
    if (oid === INT8_ARRAY_OID) return (value: string) => (value === "{}" ? [] : value.slice(1, -1).split(",").map((v) => (v === "NULL" ? null : BigInt(v))));
    return pg.types.getTypeParser(oid, format ?? "text");
  },
};

/**
 * Runs `work` in one transaction on a pooled pg connection, without Prisma's query layer: Prisma encodes every
 * parameter to JSON and back, which costs a 1,000-row statement with 13 array parameters 10 ms of CPU instead of
 * 3.5 ms through pg. For the hot path of raw SQL only (webhook batches: README, Performance). Rolled back when
 * `work` throws; a connection whose rollback fails too is discarded rather than returned to the pool.
 */
export async function sqlTransaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const run = (text: string, values: unknown[]) => client.query({ text, values, types: SQL_TYPES } as pg.QueryConfig);
  const statement = (query: TemplateStringsArray | Prisma.Sql, values: unknown[]) => (query instanceof Prisma.Sql ? query : Prisma.sql(query, ...(values as Prisma.Sql[])));
  const tx: SqlClient = {
    async $queryRaw<R>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      const sql = statement(query, values);
      return (await run(sql.text, sql.values)).rows as R;
    },
    async $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      const sql = statement(query, values);
      return (await run(sql.text, sql.values)).rowCount ?? 0;
    },
    async $queryRawUnsafe<R>(text: string, ...values: unknown[]) {
      return (await run(text, values)).rows as R;
    },
    async $executeRawUnsafe(text: string, ...values: unknown[]) {
      return (await run(text, values)).rowCount ?? 0;
    },
  };
  let broken = false;
  try {
    // Like Prisma's transaction timeout: a statement stuck for a minute ends (and rolls back) the transaction.
    await client.query("BEGIN; SET LOCAL statement_timeout = '60s'");
    const result = await work(tx);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => (broken = true));
    throw error;
  } finally {
    client.release(broken);
  }
}
