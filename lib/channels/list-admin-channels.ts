import "server-only";
import { missingCommentPermissions } from "@/lib/comments/comment-permissions";
import { db } from "@/lib/db";
import { channelAttention, type AttentionProblem } from "@/lib/health/channel-attention";
import { deliveryGapSummaries, type DeliveryGapSummary } from "@/lib/health/delivery-gaps";
import { syncFailureSummaries } from "@/lib/sync/sync-failures";
import { syncProgress, type SyncProgress } from "@/lib/sync/sync-progress";
import { channelNeedsReconnect } from "./token-refresh-policy";

/** Items set aside are shown for this long. */
const SYNC_FAILURE_WINDOW_DAYS = 7;

export interface AdminChannel {
  id: string;
  platform: "MESSENGER" | "INSTAGRAM";
  metaId: string;
  /** The object the channel reaches Meta through: its Page (Instagram via Facebook Login: the linked Page), or itself. */
  pageMetaId: string;
  /** Which login connected it: a Page token (graph.facebook.com) or an Instagram User token (graph.instagram.com). */
  connection: "FACEBOOK_LOGIN" | "INSTAGRAM_LOGIN";
  /** When the stored token stops working (Instagram Login's 60-day tokens; null for Page tokens, which do not expire). */
  tokenExpiresAt: string | null;
  /** When the periodic job renews it next (Instagram Login). */
  tokenRefreshAt: string | null;
  /** Meta's answer to the last failed renewal, if the last one failed. */
  tokenRefreshError: string | null;
  /** The card asks an admin to reconnect: Meta refused the token, or renewing failed with ≤ 7 days left. */
  needsReconnect: boolean;
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
  /** Comment permissions the channel's token lacks (comments cannot be read or answered); null when unknown. */
  missingCommentPermissions: string[] | null;
  /** Items Meta sent that could not be stored in the last 7 days (set aside; the rest went on). */
  syncFailures: { count: number; lastAt: string | null; lastError: string | null };
  /** When the newest webhook naming this channel was received (null: none since connecting). */
  lastWebhookAt: string | null;
  /** Messages reconciliation found that no webhook delivered: count over the last 7 days, time of the latest ever found. */
  deliveryGaps: DeliveryGapSummary;
  /** Set while Meta restricts the Page or business (a send was refused with 10/1893063, 368, 2022, 100/2534029). */
  restrictedAt: string | null;
  restrictionError: string | null;
  /** What needs an admin's attention, most serious first (lib/health/channel-attention.ts); empty when healthy. */
  attention: AttentionProblem[];
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
      connection: true,
      tokenExpiresAt: true,
      tokenRefreshAt: true,
      tokenRefreshError: true,
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
      grantedScopes: true,
      lastWebhookAt: true,
      restrictedAt: true,
      restrictionError: true,
      _count: { select: { conversations: { where: { lastMessageAt: { not: null } } } } },
      syncRuns: {
        orderBy: { createdAt: "desc" },
        take: 6,
        select: { kind: true, status: true, conversationsDone: true, conversationsTotal: true, messagesImported: true, startedAt: true, finishedAt: true, error: true },
      },
    },
    orderBy: [{ name: "asc" }, { platform: "asc" }],
  });
  const [failures, gaps] = await Promise.all([
    syncFailureSummaries(
      channels.map((c) => c.id),
      new Date(now.getTime() - SYNC_FAILURE_WINDOW_DAYS * 86_400_000),
    ),
    deliveryGapSummaries(channels.map((c) => c.id), now),
  ]);
  return channels.map(({ syncRuns, _count, lastSyncedAt, lastWebhookAt, restrictedAt, tokenExpiresAt, tokenRefreshAt, grantedScopes, ...channel }) => {
    const deliveryGaps = gaps.get(channel.id) ?? { count: 0, lastAt: null };
    const current = syncRuns.find((r) => r.status === "QUEUED" || r.status === "RUNNING") ?? syncRuns[0] ?? null;
    const previousTotal = syncRuns.find((r) => r !== current && r.status === "SUCCEEDED" && r.conversationsTotal !== null && (current?.kind !== "RECONCILE" || r.kind === "BACKFILL"))?.conversationsTotal ?? null;
    return {
      ...channel,
      tokenExpiresAt: tokenExpiresAt?.toISOString() ?? null,
      tokenRefreshAt: tokenRefreshAt?.toISOString() ?? null,
      needsReconnect: channelNeedsReconnect({ tokenStatus: channel.tokenStatus, tokenExpiresAt, tokenRefreshError: channel.tokenRefreshError }, now),
      lastSyncedAt: lastSyncedAt?.toISOString() ?? null,
      conversationCount: _count.conversations,
      missingCommentPermissions: missingCommentPermissions(channel, grantedScopes),
      sync: current ? syncProgress(current, current.kind === "BACKFILL" ? previousTotal : null, now) : null,
      syncFailures: (({ count, lastAt, lastError }) => ({ count, lastAt: lastAt?.toISOString() ?? null, lastError }))(
        failures.get(channel.id) ?? { count: 0, lastAt: null, lastError: null },
      ),
      lastWebhookAt: lastWebhookAt?.toISOString() ?? null,
      deliveryGaps,
      restrictedAt: restrictedAt?.toISOString() ?? null,
      attention: channelAttention({ ...channel, restrictedAt, lastDeliveryGapAt: deliveryGaps.lastAt }, now),
    };
  });
}
