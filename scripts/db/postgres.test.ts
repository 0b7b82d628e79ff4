import { describe, expect, it } from "vitest";
import { assertLocalDatabaseUrl, databaseName, databaseUrl } from "./postgres";

describe("test database guard", () => {
  it.each([
    "postgresql://postgres@127.0.0.1:5432/x",
    "postgresql://postgres@localhost/x",
    "postgresql://postgres@[::1]:5432/x",
    "postgresql://postgres@/x?host=/var/run/postgresql",
  ])("accepts the local server %s", (url) => {
    expect(() => assertLocalDatabaseUrl(url)).not.toThrow();
  });

  it.each(["postgresql://u:p@db.example.com:5432/prod", "postgresql://u@10.0.0.5/x", "postgresql://u@/x?host=db.internal"])(
    "refuses the remote server %s",
    (url) => {
      expect(() => assertLocalDatabaseUrl(url)).toThrow(/refusing to run tests/);
    },
  );

  it("swaps the database of a URL", () => {
    const url = databaseUrl("postgresql://u:p@127.0.0.1:5432/postgres?sslmode=disable", "inbox_test_1");
    expect(url).toBe("postgresql://u:p@127.0.0.1:5432/inbox_test_1?sslmode=disable");
    expect(databaseName(url)).toBe("inbox_test_1");
  });
});
