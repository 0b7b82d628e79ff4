import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

// Cheap parameters keep the suite fast; the format and comparison are what is under test.
const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe("password hashing", () => {
  it("verifies the password it hashed and nothing else", async () => {
    const stored = await hashPassword("correct horse battery", FAST);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("salts every hash", async () => {
    const a = await hashPassword("same password", FAST);
    const b = await hashPassword("same password", FAST);
    expect(a).not.toBe(b);
  });

  it("uses OWASP's scrypt cost by default", async () => {
    expect(await hashPassword("default parameters")).toMatch(/^scrypt\$131072\$8\$1\$/);
  });

  it("treats Unicode compatibility forms as the same password", async () => {
    const stored = await hashPassword("ﬁle-cafe\u0301", FAST); // ligature "fi", decomposed é
    expect(await verifyPassword("file-café", stored)).toBe(true);
  });

  it.each([
    ["not a hash"],
    ["bcrypt$10$abc"],
    ["scrypt$x$8$1$c2FsdA==$aGFzaA=="],
    ["scrypt$1024$8$1$c2FsdA==$"],
  ])("rejects a malformed stored value %s", async (stored) => {
    expect(await verifyPassword("anything", stored)).toBe(false);
  });
});
