import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { graph as graphOf } from "@/lib/meta/graph";
import type { GraphClient } from "@/lib/meta/graph-client";
import { GraphApiError, isGraphNetworkError } from "@/lib/meta/graph-error";
import { refreshLongLivedToken } from "@/lib/meta/instagram-login";
import { publishRealtime } from "@/lib/realtime/publish";
import { channelToken, sealChannelToken } from "./channel-token";
import { markChannelProblem } from "./mark-channel-problem";
import { channelNeedsReconnect, nextTokenRefreshAt, retryTokenRefreshAt } from "./token-refresh-policy";

export type TokenRefreshOutcome =
  | { refreshed: true; expiresAt: Date }
  | { refreshed: false; error: string; needsReconnect: boolean; retryAt: Date | null };

/**
 * Renews the long-lived token of an Instagram Login channel (`refresh_access_token`) and stores the new one
 * encrypted, with its expiry and next refresh (lib/channels/token-refresh-policy.ts). A failure is recorded on
 * the channel and retried later; Meta refusing the token itself (190) marks it NEEDS_RECONNECT at once. Audited
 * either way. Null when the channel has no Instagram Login token to renew.
 */
export async function refreshInstagramToken(channelId: string, options: { trigger: "schedule" | "admin"; now?: Date; graph?: GraphClient }): Promise<TokenRefreshOutcome | null> {
  const channel = await db.channel.findUnique({
    where: { id: channelId },
    select: { id: true, accountId: true, connection: true, disconnectedAt: true, accessTokenEncrypted: true, tokenStatus: true, tokenExpiresAt: true, metaId: true },
  });
  if (!channel || channel.connection !== "INSTAGRAM_LOGIN" || channel.disconnectedAt || !channel.accessTokenEncrypted) return null;
  const now = options.now ?? new Date();
  const graph = options.graph ?? graphOf("INSTAGRAM_LOGIN");
  try {
    const fresh = await refreshLongLivedToken(graph, await channelToken(channel.id));
    const expiresAt = new Date(now.getTime() + fresh.expiresInSeconds * 1000);
    await db.$transaction(async (tx) => {
      await tx.channel.update({
        where: { id: channel.id },
        data: {
          accessTokenEncrypted: sealChannelToken(channel.id, fresh.token),
          tokenObtainedAt: now,
          tokenExpiresAt: expiresAt,
          tokenRefreshAt: nextTokenRefreshAt({ obtainedAt: now, expiresAt }),
          tokenRefreshError: null,
          tokenCheckedAt: now,
        },
      });
      await recordAuditEvent({ accountId: channel.accountId, type: "channel.token_refreshed", data: { channelId, expiresAt: expiresAt.toISOString(), trigger: options.trigger } }, tx);
      await publishRealtime([{ type: "channel.updated", accountId: channel.accountId, channelId }], tx);
    });
    logger.info("Instagram token refreshed", { channelId, expiresAt });
    return { refreshed: true, expiresAt };
  } catch (error) {
    if (!(error instanceof GraphApiError) && !isGraphNetworkError(error)) throw error;
    const graphError = error instanceof GraphApiError ? error : null;
    if (graphError?.isTokenInvalid) await markChannelProblem(channel.id, graphError, "token");
    const message = `${(error as Error).message}${graphError?.fbtraceId ? ` (fbtrace_id ${graphError.fbtraceId})` : ""}`;
    const retryAt = graphError?.isTokenInvalid || !channel.tokenExpiresAt ? null : retryTokenRefreshAt(now, channel.tokenExpiresAt);
    const needsReconnect = channelNeedsReconnect(
      { tokenStatus: graphError?.isTokenInvalid ? "NEEDS_RECONNECT" : channel.tokenStatus, tokenExpiresAt: channel.tokenExpiresAt, tokenRefreshError: message },
      now,
    );
    await db.$transaction(async (tx) => {
      await tx.channel.update({ where: { id: channel.id }, data: { tokenRefreshError: message, tokenRefreshAt: retryAt, tokenCheckedAt: now } });
      await recordAuditEvent(
        {
          accountId: channel.accountId,
          type: "channel.token_refresh_failed",
          data: {
            channelId,
            code: graphError?.code ?? null,
            subcode: graphError?.subcode ?? null,
            error: message,
            expiresAt: channel.tokenExpiresAt?.toISOString() ?? null,
            needsReconnect,
            trigger: options.trigger,
          },
        },
        tx,
      );
      await publishRealtime([{ type: "channel.updated", accountId: channel.accountId, channelId }], tx);
    });
    logger.warn("Instagram token refresh failed", { channelId, code: graphError?.code, needsReconnect, retryAt });
    return { refreshed: false, error: message, needsReconnect, retryAt };
  }
}

/** The periodic job: renews every Instagram Login token whose refresh is due. */
export async function refreshDueInstagramTokens(now = new Date()): Promise<{ refreshed: number; failed: number }> {
  const due = await db.channel.findMany({
    where: { connection: "INSTAGRAM_LOGIN", disconnectedAt: null, tokenStatus: { not: "NEEDS_RECONNECT" }, accessTokenEncrypted: { not: null }, tokenRefreshAt: { lte: now } },
    select: { id: true },
    orderBy: { tokenRefreshAt: "asc" },
    take: 200,
  });
  let refreshed = 0;
  let failed = 0;
  for (const { id } of due) {
    const outcome = await refreshInstagramToken(id, { trigger: "schedule", now });
    if (outcome?.refreshed) refreshed++;
    else if (outcome) failed++;
  }
  return { refreshed, failed };
}
