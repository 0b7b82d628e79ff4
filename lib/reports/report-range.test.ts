import { describe, expect, it } from "vitest";
import { resolveReportRange } from "./report-range";

describe("resolveReportRange", () => {
  const lateSaturdayUtc = new Date("2026-11-21T23:30:00Z"); // already Sunday in Berlin

  it("defaults to the last 7 full days (up to yesterday) in the account's zone", () => {
    expect(resolveReportRange({}, "Europe/Berlin", lateSaturdayUtc)).toEqual({ from: "2026-11-15", to: "2026-11-21" });
    expect(resolveReportRange({}, "UTC", lateSaturdayUtc)).toEqual({ from: "2026-11-14", to: "2026-11-20" });
  });

  it("completes a half-open range", () => {
    expect(resolveReportRange({ from: "2026-11-01" }, "UTC", lateSaturdayUtc)).toEqual({ from: "2026-11-01", to: "2026-11-21" });
    expect(resolveReportRange({ to: "2026-11-07" }, "UTC", lateSaturdayUtc)).toEqual({ from: "2026-11-01", to: "2026-11-07" });
    expect(resolveReportRange({ from: "2026-12-01" }, "UTC", lateSaturdayUtc)).toEqual({ from: "2026-12-01", to: "2026-12-01" });
  });
});
