import { describe, expect, it } from "vitest";
import { DEFAULT_GRAPH_API_VERSION, GRAPH_API_VERSIONS, GRAPH_VERSION_WARNING_DAYS, graphVersionStatus } from "./graph-api-versions";

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

const utc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe("Meta's version table", () => {
  it("lists every version from v26.0 down to v19.0, newest first, each released after the one below it", () => {
    expect(GRAPH_API_VERSIONS.map((v) => v.version)).toEqual(["v26.0", "v25.0", "v24.0", "v23.0", "v22.0", "v21.0", "v20.0", "v19.0"]);
    for (const [newer, older] of GRAPH_API_VERSIONS.slice(0, -1).map((v, i) => [v, GRAPH_API_VERSIONS[i + 1]!] as const)) {
      expect(utc(newer.releasedOn), `${newer.version} after ${older.version}`).toBeGreaterThan(utc(older.releasedOn));
    }
  });

  it("keeps each version available for at least two years after its release (Meta's versioning policy)", () => {
    for (const { version, releasedOn, availableUntil } of GRAPH_API_VERSIONS.filter((v) => v.availableUntil !== null)) {
      const twoYearsLater = new Date(utc(releasedOn));
      twoYearsLater.setUTCFullYear(twoYearsLater.getUTCFullYear() + 2);
      expect(utc(availableUntil!), version).toBeGreaterThanOrEqual(twoYearsLater.getTime());
    }
  });

  it("only the newest version's end is still to be announced", () => {
    expect(GRAPH_API_VERSIONS.filter((v) => v.availableUntil === null).map((v) => v.version)).toEqual([DEFAULT_GRAPH_API_VERSION]);
  });
});

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
    ["v25.0", "2028-04-29", "current"], // 90.5 days before Jul 29 2028
    ["v25.0", "2028-07-28", "ending_soon"],
    ["v25.0", "2028-07-29", "ended"],
    ["v24.0", "2028-02-17", "ending_soon"],
    ["v24.0", "2028-02-18", "ended"],
    ["v23.0", "2027-10-07", "ending_soon"],
    ["v23.0", "2027-10-08", "ended"],
    ["v19.0", "2026-05-20", "ending_soon"],
    ["v19.0", "2026-05-21", "ended"],
  ])("%s on %s: %s", (version, on, state) => {
    expect(graphVersionStatus(version, day(on)).state).toBe(state);
  });

  it("counts the days left inside the warning window", () => {
    const status = graphVersionStatus("v22.0", day("2027-04-20"));
    expect(status).toEqual({ state: "ending_soon", version: "v22.0", availableUntil: "2027-05-20", daysLeft: 30 });
    expect(GRAPH_VERSION_WARNING_DAYS).toBe(90);
  });
});
