// `sqlTransaction` (lib/db.ts): the webhook path's transactions without Prisma's query layer must behave like
// Prisma's raw queries in what that path relies on — results, fragments, commit/rollback, and errors the
// per-item fallback can classify.
import { describe, expect, it } from "vitest";
import { db, sqlTransaction } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { isItemFault, sqlState } from "@/lib/sync/sync-failures";
import { createAccount } from "@/scripts/testing/factories";

describe("sqlTransaction", () => {
  it("answers like Prisma's raw queries: bigint for int8, arrays and dates as parameters, nested fragments", async () => {
    const at = new Date("2026-12-06T10:00:00.123Z");
    const fragment = Prisma.sql`AND n > ${1}`;
    const rows = await sqlTransaction((tx) =>
      tx.$queryRaw<{ n: number; big: bigint; bigs: bigint[]; at: Date; texts: string[] }[]>`
        SELECT n, n::bigint * 10000000000 AS big, ARRAY[n::bigint, 2] AS bigs, ${at}::timestamptz AS at, ${["a", 'b"c', null]}::text[] AS texts
          FROM unnest(${[1, 2, 3]}::int[]) AS n WHERE true ${fragment} ORDER BY n`,
    );
    expect(rows).toEqual([
      { n: 2, big: 20000000000n, bigs: [2n, 2n], at, texts: ["a", 'b"c', null] },
      { n: 3, big: 30000000000n, bigs: [3n, 2n], at, texts: ["a", 'b"c', null] },
    ]);
    const prisma = await db.$queryRaw<{ big: bigint }[]>`SELECT 20000000000::bigint AS big`;
    expect(typeof prisma[0]!.big).toBe(typeof rows[0]!.big);
  });

  it("commits what the work did, and rolls all of it back when the work throws", async () => {
    const account = await createAccount();
    const rename = (name: string) => sqlTransaction((tx) => tx.$executeRaw`UPDATE accounts SET name = ${name} WHERE id = ${account.id}::uuid`);
    expect(await rename("Renamed")).toBe(1);
    await expect(
      sqlTransaction(async (tx) => {
        await tx.$executeRawUnsafe("UPDATE accounts SET name = $1 WHERE id = $2::uuid", "Lost", account.id);
        throw new Error("the batch failed");
      }),
    ).rejects.toThrow("the batch failed");
    expect((await db.account.findUniqueOrThrow({ where: { id: account.id } })).name).toBe("Renamed");
  });

  it("its database errors carry their SQLSTATE: an item's fault is set aside, the moment's is retried", async () => {
    const refusal = await sqlTransaction((tx) => tx.$queryRawUnsafe("SELECT 1/0")).catch((error: unknown) => error);
    expect(sqlState(refusal)).toBe("22012");
    expect(isItemFault(refusal)).toBe(true);
    const timeout = await sqlTransaction((tx) => tx.$queryRawUnsafe("SET LOCAL statement_timeout = '10ms'; SELECT pg_sleep(1)")).catch((error: unknown) => error);
    expect(sqlState(timeout)).toBe("57014");
    expect(isItemFault(timeout)).toBe(false);
  });
});
