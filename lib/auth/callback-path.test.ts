import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-path";

describe("safeCallbackPath", () => {
  it.each([
    ["/inbox/abc?folder=mine", "/inbox/abc?folder=mine"],
    ["/review", "/review"],
    [undefined, "/inbox"],
    ["", "/inbox"],
    ["https://evil.example/inbox", "/inbox"],
    ["//evil.example/inbox", "/inbox"],
    ["/\\evil.example", "/inbox"],
    ["/login?callbackUrl=/x", "/inbox"],
    ["/api/auth/signout", "/inbox"],
    ["javascript:alert(1)", "/inbox"],
  ])("%s → %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});
