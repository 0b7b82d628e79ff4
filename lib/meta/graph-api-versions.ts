// Meta's Graph API versions and how long each is available — the one place that names the default version.
// Pure (the configuration schema imports it).
//
// Source: Meta's Graph API changelog, "Available Graph API versions"
// (https://developers.facebook.com/docs/graph-api/changelog/versions/ and …/changelog, read December 2026):
//
// | Version | Released          | Available until   |
// |---------|-------------------|-------------------|
// | v26.0   | July 29, 2026     | TBD               |
// | v25.0   | February 18, 2026 | July 29, 2028     |
// | v24.0   | October 8, 2025   | February 18, 2028 |
// | v23.0   | May 29, 2025      | October 8, 2027   |
// | v22.0   | January 21, 2025  | May 20, 2027      |
// | v21.0   | October 2, 2024   | January 21, 2027  |
// | v20.0   | May 21, 2024      | September 24, 2026|
// | v19.0   | January 23, 2024  | May 21, 2026      |
//
// A call to a version past its date is served by the oldest available version instead (Meta's versioning
// policy), so behaviour changes silently: we warn 90 days ahead.

export interface GraphApiVersionInfo {
  version: string;
  releasedOn: string;
  /** ISO date (UTC) after which Meta no longer serves the version; null while Meta says "TBD". */
  availableUntil: string | null;
}

export const GRAPH_API_VERSIONS: readonly GraphApiVersionInfo[] = [
  { version: "v26.0", releasedOn: "2026-07-29", availableUntil: null },
  { version: "v25.0", releasedOn: "2026-02-18", availableUntil: "2028-07-29" },
  { version: "v24.0", releasedOn: "2025-10-08", availableUntil: "2028-02-18" },
  { version: "v23.0", releasedOn: "2025-05-29", availableUntil: "2027-10-08" },
  { version: "v22.0", releasedOn: "2025-01-21", availableUntil: "2027-05-20" },
  { version: "v21.0", releasedOn: "2024-10-02", availableUntil: "2027-01-21" },
  { version: "v20.0", releasedOn: "2024-05-21", availableUntil: "2026-09-24" },
  { version: "v19.0", releasedOn: "2024-01-23", availableUntil: "2026-05-21" },
];

/** The newest version Meta serves: the default of META_GRAPH_VERSION. */
export const DEFAULT_GRAPH_API_VERSION = "v26.0";

/** How long before a version's end the inbox starts warning admins. */
export const GRAPH_VERSION_WARNING_DAYS = 90;

export type GraphVersionStatus =
  | { state: "current"; version: string; availableUntil: string | null }
  | { state: "ending_soon"; version: string; availableUntil: string; daysLeft: number }
  | { state: "ended"; version: string; availableUntil: string }
  | { state: "unknown"; version: string };

/** Where `version` stands on `now`: fine, ending within the warning window, ended, or not in the table. */
export function graphVersionStatus(version: string, now: Date): GraphVersionStatus {
  const info = GRAPH_API_VERSIONS.find((v) => v.version === version);
  if (!info) return { state: "unknown", version };
  // Stryker disable next-line ConditionalExpression: a TBD end would parse to NaN, which no check below matches, so it also ends "current"; the explicit case keeps that off NaN
  if (!info.availableUntil) return { state: "current", version, availableUntil: null };
  const end = Date.parse(`${info.availableUntil}T00:00:00Z`);
  const daysLeft = Math.ceil((end - now.getTime()) / 86_400_000);
  if (daysLeft <= 0) return { state: "ended", version, availableUntil: info.availableUntil };
  if (daysLeft <= GRAPH_VERSION_WARNING_DAYS) return { state: "ending_soon", version, availableUntil: info.availableUntil, daysLeft };
  return { state: "current", version, availableUntil: info.availableUntil };
}
