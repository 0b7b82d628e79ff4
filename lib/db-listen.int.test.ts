// The LISTEN connections (job and webhook wake-ups, realtime events) go where DATABASE_LISTEN_URL says — a direct
// connection when DATABASE_URL is a transaction pooler — never take a query connection of the pool, and come
// back by themselves when Postgres drops them.
import { afterEach, describe, expect, it } from "vitest";
import { pool } from "@/lib/db";
import { listen, type Listening } from "./db-listen";

const opened: Listening[] = [];
afterEach(async () => {
  delete process.env.DATABASE_LISTEN_URL;
  await Promise.all(opened.splice(0).map((l) => l.stop()));
});

const notify = (channel: string, payload: string) => pool.query("SELECT pg_notify($1, $2)", [channel, payload]);

describe("LISTEN connections", () => {
  it("use DATABASE_LISTEN_URL when it is set (an unreachable one fails at start)", async () => {
    process.env.DATABASE_LISTEN_URL = "postgresql://nobody:secret@127.0.0.1:9/nowhere";
    await expect(listen({ channel: "test_listen_a", name: "test-listener", onNotify: () => {} })).rejects.toThrow(/ECONNREFUSED/);

    process.env.DATABASE_LISTEN_URL = process.env.DATABASE_URL;
    const payloads: string[] = [];
    opened.push(await listen({ channel: "test_listen_a", name: "test-listener", onNotify: (p) => payloads.push(p), pool }));
    await notify("test_listen_a", "one");
    await expect.poll(() => payloads, { timeout: 3_000 }).toEqual(["one"]);
  });

  it("hold a connection of their own, not one of the query pool", async () => {
    const before = pool.totalCount;
    opened.push(await listen({ channel: "test_listen_b", name: "test-own-connection", onNotify: () => {}, pool }));
    expect(pool.totalCount).toBe(before);
    const { rows } = await pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'test-own-connection' AND datname = current_database()",
    );
    expect(rows[0]!.n).toBe(1);
  });

  it("reconnect after Postgres terminates them, and say so (wake-ups sent meanwhile are lost)", async () => {
    const payloads: string[] = [];
    let reconnects = 0;
    opened.push(
      await listen({ channel: "test_listen_c", name: "test-reconnecting", onNotify: (p) => payloads.push(p), onReconnect: () => reconnects++, pool }),
    );
    await pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'test-reconnecting' AND datname = current_database()");
    await expect.poll(() => reconnects, { timeout: 5_000 }).toBe(1);
    await notify("test_listen_c", "after");
    await expect.poll(() => payloads, { timeout: 3_000 }).toEqual(["after"]);
  });
});
