import { describe, expect, it } from "vitest";
import { IDLE_IN_TRANSACTION_TIMEOUT_MS, pool } from "./db";

describe("database sessions", () => {
  it("Postgres ends a session left idle inside a transaction (a frozen instance must not hold its locks forever)", async () => {
    const { rows } = await pool.query<{ setting: string }>("SELECT setting FROM pg_settings WHERE name = 'idle_in_transaction_session_timeout'");
    expect(Number(rows[0]!.setting)).toBe(IDLE_IN_TRANSACTION_TIMEOUT_MS);
    expect(IDLE_IN_TRANSACTION_TIMEOUT_MS).toBeGreaterThan(0);
  });
});
