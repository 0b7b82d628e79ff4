import "server-only";
import { db } from "@/lib/db";
import { syncFailureSummaries } from "@/lib/sync/sync-failures";
import { syncProgress, type SyncProgress } from "@/lib/sync/sync-progress";

/** Items set aside are shown for this long. */
const SYNC_FAILURE_WINDOW_DAYS = 7;

export interface AdminChannel {
  id: string;
  platform: "MESSENGER" | "INSTAGRAM";
  metaId: string;
  /** The Page the channel reaches Meta through (for Instagram: the linked Page). */
  pageMetaId: string;
  name: string;
  username: string | null;
  pictureUrl: string | null;
  humanAgentEnabled: boolean;
  assignmentMode: "OFF" | "ROUND_ROBIN" | "LEAST_OPEN";
  assignmentCapacity: number | null;
  tokenStatus: "VALID" | "NEEDS_RECONNECT" | "MISCONFIGURED";
  tokenError: string | null;
  webhookStatus: "NOT_SUBSCRIBED" | "SUBSCRIBED" | "FAILED";
  syncStatus: "NEVER_SYNCED" | "BACKFILLING" | "IDLE" | "FAILED";
  lastSyncedAt: string | null;
  conversationCount: number;
  /** The running sync, or the latest one. */
  sync: SyncProgress | null;
  /** Items Meta sent that could not be stored in the last 7 days (set aside; the rest went on). */
  syncFailures: { count: number; lastAt: string | null; lastError: string | null };
}

/** Connected channels of an account for the Channels admin page, with sync progress. Never includes tokens. */
export async function listAdminChannels(accountId: string, now = new Date()): Promise<AdminChannel[]> {
  const channels = await db.channel.findMany({
    where: { accountId, disconnectedAt: null },
    select: {
      id: true,
      platform: true,
      metaId: true,
      pageMetaId: true,
      name: true,
      username: true,
      pictureUrl: true,
      humanAgentEnabled: true,
      assignmentMode: true,
      assignmentCapacity: true,
      tokenStatus: true,
      tokenError: true,
      webhookStatus: true,
      syncStatus: true,
      lastSyncedAt: true,
      _count: { select: { conversations: { where: { lastMessageAt: { not: null } } } } },
      syncRuns: {
        orderBy: { createdAt: "desc" },
        take: 6,
        select: { kind: true, status: true, conversationsDone: true, conversationsTotal: true, messagesImported: true, startedAt: true, finishedAt: true, error: true },
      },
    },
    orderBy: [{ name: "asc" }, { platform: "asc" }],
  });
  const failures = await syncFailureSummaries(
    channels.map((c) => c.id),
    new Date(now.getTime() - SYNC_FAILURE_WINDOW_DAYS * 86_400_000),
  );
  return channels.map(({ syncRuns, _count, lastSyncedAt, ...channel }) => {
    const current = syncRuns.find((r) => r.status === "QUEUED" || r.status === "RUNNING") ?? syncRuns[0] ?? null;
    const previousTotal = syncRuns.find((r) => r !== current && r.status === "SUCCEEDED" && r.conversationsTotal !== null && (current?.kind !== "RECONCILE" || r.kind === "BACKFILL"))?.conversationsTotal ?? null;
    return {
      ...channel,
      lastSyncedAt: lastSyncedAt?.toISOString() ?? null,
      conversationCount: _count.conversations,
      sync: current ? syncProgress(current, current.kind === "BACKFILL" ? previousTotal : null, now) : null,
      syncFailures: (({ count, lastAt, lastError }) => ({ count, lastAt: lastAt?.toISOString() ?? null, lastError }))(
        failures.get(channel.id) ?? { count: 0, lastAt: null, lastError: null },
      ),
    };
  });
}
