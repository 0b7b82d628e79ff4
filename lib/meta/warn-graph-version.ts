import "server-only";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { graphVersionStatus, type GraphVersionStatus } from "./graph-api-versions";

/**
 * Logs a warning when the configured META_GRAPH_VERSION ends within 90 days, has ended, or is not in Meta's
 * table (lib/meta/graph-api-versions.ts). Run daily by the job `meta.graph-version-check`; admins also see the
 * status in `GET /api/admin/channels` (`graphApi`).
 */
export async function warnAboutGraphVersion(now = new Date()): Promise<GraphVersionStatus> {
  const status = graphVersionStatus(env().META_GRAPH_VERSION, now);
  if (status.state === "ending_soon") logger.warn("Meta stops serving the configured Graph API version soon: raise META_GRAPH_VERSION", status);
  else if (status.state === "ended") logger.warn("Meta no longer serves the configured Graph API version: calls get the oldest available one; raise META_GRAPH_VERSION", status);
  else if (status.state === "unknown") logger.warn("META_GRAPH_VERSION is not in the table of Graph API versions (lib/meta/graph-api-versions.ts)", status);
  return status;
}
