import { describe, expect, it } from "vitest";
import { nextReconcileWatermark, RECONCILE_OVERLAP_MS } from "./reconcile-timing";

describe("nextReconcileWatermark", () => {
  const t = (iso: string) => new Date(iso);
  it("trails the newest update by the overlap and never moves back", () => {
    expect(nextReconcileWatermark(null, t("2026-11-20T12:00:00Z"))).toEqual(new Date(Date.parse("2026-11-20T12:00:00Z") - RECONCILE_OVERLAP_MS));
    expect(nextReconcileWatermark(t("2026-11-20T13:00:00Z"), t("2026-11-20T12:00:00Z"))).toEqual(t("2026-11-20T13:00:00Z"));
    expect(nextReconcileWatermark(t("2026-11-20T11:00:00Z"), null)).toEqual(t("2026-11-20T11:00:00Z"));
    expect(nextReconcileWatermark(null, null)).toBeNull();
  });
});
