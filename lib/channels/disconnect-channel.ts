import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { graph } from "@/lib/meta/graph";
import { unsubscribePageWebhooks } from "@/lib/meta/subscribe-page-webhooks";
import { publishRealtime } from "@/lib/realtime/publish";
import { backfillKey, onDemandReconcileKey, periodicReconcileKey } from "@/lib/sync/sync-queues";
import { channelToken } from "./channel-token";

/**
 * Disconnects a channel: its token is erased, pending syncs are cancelled, and — unless another connected
 * channel shares the Page (Messenger and its Instagram account) — the Page is unsubscribed from our webhooks
 * (best effort: a token Meta already revoked cannot unsubscribe, and webhooks for it are ignored anyway).
 * Conversations stay, for the record; connecting again resumes the channel.
 */
export async function disconnectChannel({ actor, channelId }: { actor: SessionAgent; channelId: string }): Promise<void> {
  const channel = await db.channel.findFirst({
    where: { id: channelId, accountId: actor.accountId, disconnectedAt: null },
    select: { id: true, pageMetaId: true, accessTokenEncrypted: true, connection: true },
  });
  if (!channel) throw AppError.notFound("Channel");
  const siblings = await db.channel.count({ where: { pageMetaId: channel.pageMetaId, disconnectedAt: null, id: { not: channel.id } } });
  if (siblings === 0 && channel.accessTokenEncrypted) {
    try {
      await unsubscribePageWebhooks(graph(channel.connection), { pageId: channel.pageMetaId, token: await channelToken(channel.id) });
    } catch (error) {
      logger.warn("could not unsubscribe the Page from webhooks (continuing)", { channelId, error });
    }
  }
  await db.$transaction(async (tx) => {
    await tx.channel.update({
      where: { id: channel.id },
      data: { accessTokenEncrypted: null, tokenRefreshAt: null, disconnectedAt: new Date(), webhookStatus: "NOT_SUBSCRIBED", webhookSubscribedAt: null },
    });
    await tx.syncRun.updateMany({ where: { channelId, status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "CANCELLED", error: "channel disconnected", finishedAt: new Date() } });
    await tx.$executeRaw`
      DELETE FROM jobs WHERE status = 'QUEUED'
         AND singleton_key = ANY(${[backfillKey(channelId), periodicReconcileKey(channelId), onDemandReconcileKey(channelId)]}::text[])`;
    await recordAuditEvent({ accountId: actor.accountId, actorId: actor.id, type: "channel.disconnected", data: { channelId } }, tx);
    await publishRealtime([{ type: "channel.updated", accountId: actor.accountId, channelId }], tx);
  });
}
