import { describe, expect, it } from "vitest";
import { formatDateTime, formatDay, formatDuration } from "./format-duration";

describe("formatting", () => {
  it("formats durations at a readable unit", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(45)).toBe("45 s");
    expect(formatDuration(1050)).toBe("17.5 min");
    expect(formatDuration(3600)).toBe("1 h");
    expect(formatDuration(90000)).toBe("25 h");
    expect(formatDuration(63360)).toBe("17.6 h");
    expect(formatDuration(7 * 86400)).toBe("7 d");
  });

  it("formats times in the account's zone and days as written", () => {
    expect(formatDateTime("2026-11-01T23:30:00.000Z", "Europe/Berlin")).toBe("2 Nov 2026, 00:30");
    expect(formatDay("2026-11-02")).toBe("Mon 2 Nov");
  });
});
