import { describe, expect, it } from "vitest";
import { firstValues, reportQuerySchema, reviewListQuerySchema } from "./review";

describe("review query schemas", () => {
  it("treats blank form fields as unset and reads flags", () => {
    const parsed = reviewListQuerySchema.parse({ from: "", agentId: "", humanAgent: "1", blocked: "0", windowMissed: "24h", limit: "" });
    expect(parsed).toEqual({ humanAgent: true, blocked: false, windowMissed: "24h", limit: 25 });
  });

  it("explains bad values field by field", () => {
    const result = reviewListQuerySchema.safeParse({ status: "DONE", from: "2026-02-30", agentId: "alex", windowMissed: "3d" });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages).toEqual({
      status: "Status: choose Open, Pending, Snoozed or Resolved.",
      from: "From: use a date written YYYY-MM-DD, like 2026-11-01.",
      agentId: "Agent is not a valid id.",
      windowMissed: "Window missed: choose 24h or 7d.",
    });
  });

  it("refuses a reversed or over-long range", () => {
    expect(reportQuerySchema.safeParse({ from: "2026-11-07", to: "2026-11-01" }).error?.issues[0]?.message).toBe("To must be on or after From.");
    expect(reportQuerySchema.safeParse({ from: "2025-01-01", to: "2026-11-01" }).error?.issues[0]?.message).toBe("Choose at most 366 days.");
    expect(reportQuerySchema.parse({ from: "2026-11-01", to: "2026-11-01" })).toEqual({ from: "2026-11-01", to: "2026-11-01" });
  });

  it("keeps the first of repeated URL parameters", () => {
    expect(firstValues({ a: ["1", "2"], b: "x", c: undefined })).toEqual({ a: "1", b: "x" });
  });
});
