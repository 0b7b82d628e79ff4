import { describe, expect, it } from "vitest";
import { parseEnv } from "./env-schema";

const base = {
  DATABASE_URL: "postgresql://inbox:secret@db:5432/inbox",
  AUTH_SECRET: "x".repeat(32),
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
  META_APP_ID: "1234567890",
  META_APP_SECRET: "0123456789abcdef",
  META_VERIFY_TOKEN: "verify-me",
};

describe("database settings for several instances", () => {
  it("DATABASE_LISTEN_URL is optional (the listeners then use DATABASE_URL) and must be a URL when set", () => {
    expect(parseEnv(base).DATABASE_LISTEN_URL).toBeUndefined();
    expect(parseEnv({ ...base, DATABASE_LISTEN_URL: " " }).DATABASE_LISTEN_URL).toBeUndefined();
    expect(parseEnv({ ...base, DATABASE_LISTEN_URL: "postgresql://inbox:secret@db-direct:5432/inbox" }).DATABASE_LISTEN_URL).toBe(
      "postgresql://inbox:secret@db-direct:5432/inbox",
    );
    expect(() => parseEnv({ ...base, DATABASE_LISTEN_URL: "db-direct:5432" })).toThrow(/DATABASE_LISTEN_URL: DATABASE_LISTEN_URL must be a postgresql:\/\/ URL/);
  });

  it("DATABASE_POOL_SIZE defaults to 10 and must be a positive whole number", () => {
    expect(parseEnv(base).DATABASE_POOL_SIZE).toBe(10);
    expect(parseEnv({ ...base, DATABASE_POOL_SIZE: "25" }).DATABASE_POOL_SIZE).toBe(25);
    expect(() => parseEnv({ ...base, DATABASE_POOL_SIZE: "ten" })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => parseEnv({ ...base, DATABASE_POOL_SIZE: "0" })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => parseEnv({ ...base, DATABASE_POOL_SIZE: "2.5" })).toThrow(/DATABASE_POOL_SIZE/);
  });
});
