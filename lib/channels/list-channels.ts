import "server-only";
import { accessibleChannelIds } from "@/lib/access/accessible-channel-ids";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";

export interface ChannelSummary {
  id: string;
  platform: "MESSENGER" | "INSTAGRAM";
  metaId: string;
  name: string;
  username: string | null;
  pictureUrl: string | null;
  humanAgentEnabled: boolean;
  tokenStatus: "VALID" | "NEEDS_RECONNECT" | "MISCONFIGURED";
  webhookStatus: "NOT_SUBSCRIBED" | "SUBSCRIBED" | "FAILED";
  syncStatus: "NEVER_SYNCED" | "BACKFILLING" | "IDLE" | "FAILED";
  lastSyncedAt: string | null;
  /** Set while Meta restricts the Page or business (the composer says so). */
  restrictedAt: string | null;
}

/** Channels the agent may see (all of the account for managers and admins). Never includes tokens. */
export async function listChannels(agent: SessionAgent): Promise<ChannelSummary[]> {
  const ids = await accessibleChannelIds(agent);
  const rows = await db.channel.findMany({
    where: { accountId: agent.accountId, disconnectedAt: null, ...(ids ? { id: { in: ids } } : {}) },
    select: {
      id: true,
      platform: true,
      metaId: true,
      name: true,
      username: true,
      pictureUrl: true,
      humanAgentEnabled: true,
      tokenStatus: true,
      webhookStatus: true,
      syncStatus: true,
      lastSyncedAt: true,
      restrictedAt: true,
    },
    orderBy: [{ platform: "asc" }, { name: "asc" }],
  });
  return rows.map((c) => ({ ...c, lastSyncedAt: c.lastSyncedAt?.toISOString() ?? null, restrictedAt: c.restrictedAt?.toISOString() ?? null }));
}
