import { describe, expect, it } from "vitest";
import { DEFAULT_GRAPH_API_VERSION, GRAPH_API_VERSIONS, GRAPH_VERSION_WARNING_DAYS, graphVersionStatus } from "./graph-api-versions";

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe("graphVersionStatus", () => {
  it("the default is the newest version in Meta's table and has no announced end", () => {
    expect(GRAPH_API_VERSIONS[0]!.version).toBe(DEFAULT_GRAPH_API_VERSION);
    expect(graphVersionStatus(DEFAULT_GRAPH_API_VERSION, day("2026-12-06"))).toEqual({ state: "current", version: "v26.0", availableUntil: null });
  });

  it.each([
    ["v24.0", "2026-12-06", "current"],
    ["v21.0", "2026-10-22", "current"], // 90.5 days before Jan 21 2027
    ["v21.0", "2026-10-23", "ending_soon"], // 89.5 days: inside the 90-day warning
    ["v21.0", "2027-01-20", "ending_soon"],
    ["v21.0", "2027-01-21", "ended"],
    ["v20.0", "2026-12-06", "ended"],
    ["v17.0", "2026-12-06", "unknown"],
  ])("%s on %s: %s", (version, on, state) => {
    expect(graphVersionStatus(version, day(on)).state).toBe(state);
  });

  it("counts the days left inside the warning window", () => {
    const status = graphVersionStatus("v22.0", day("2027-04-20"));
    expect(status).toEqual({ state: "ending_soon", version: "v22.0", availableUntil: "2027-05-20", daysLeft: 30 });
    expect(GRAPH_VERSION_WARNING_DAYS).toBe(90);
  });
});
