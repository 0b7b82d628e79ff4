import "server-only";
import { randomUUID } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { logger } from "@/lib/logger";
import type { GraphClient } from "@/lib/meta/graph-client";
import { GraphApiError } from "@/lib/meta/graph-error";
import type { GraphPage } from "@/lib/meta/graph-types";
import { subscribePageWebhooks } from "@/lib/meta/subscribe-page-webhooks";
import { publishRealtime } from "@/lib/realtime/publish";
import { startBackfill } from "@/lib/sync/start-backfill";
import { onDemandReconcileKey, SYNC_QUEUES } from "@/lib/sync/sync-queues";
import { sealChannelToken } from "./channel-token";

export interface ConnectedChannel {
  id: string;
  platform: "MESSENGER" | "INSTAGRAM";
  metaId: string;
  name: string;
  /** First connection of this Page / IG account (a backfill started), or a reconnection. */
  created: boolean;
}

/**
 * Connects one Page — and the Instagram professional account linked to it, as a channel of its own — to an
 * account: stores the Page token encrypted (the IG channel addresses the Graph API through the same Page and
 * token), subscribes the Page to the webhook fields the inbox needs, and starts a backfill (first connection)
 * or a full reconciliation (reconnection: webhooks may have been missed meanwhile). The connect code path of
 * the admin page (OAuth or pasted token) and of the demo.
 */
export async function connectPage(input: {
  accountId: string;
  actorId: string | null;
  page: GraphPage;
  pageToken: string;
  graph: GraphClient;
  /** Permissions granted with the token (Facebook Login); undefined = unknown, keep what was recorded. */
  grantedScopes?: string[] | null;
}): Promise<ConnectedChannel[]> {
  const { page, pageToken } = input;
  const targets: { platform: "MESSENGER" | "INSTAGRAM"; metaId: string; name: string; username: string | null; pictureUrl: string | null }[] = [
    { platform: "MESSENGER", metaId: page.id, name: page.name ?? page.id, username: page.username ?? null, pictureUrl: page.picture?.data?.url ?? null },
  ];
  const ig = page.instagram_business_account;
  if (ig) targets.push({ platform: "INSTAGRAM", metaId: ig.id, name: ig.name ?? ig.username ?? ig.id, username: ig.username ?? null, pictureUrl: ig.profile_picture_url ?? null });

  let webhookStatus: "SUBSCRIBED" | "FAILED" = "SUBSCRIBED";
  try {
    await subscribePageWebhooks(input.graph, { pageId: page.id, token: pageToken });
  } catch (error) {
    if (error instanceof GraphApiError && error.isTokenInvalid) throw AppError.invalid(`Meta did not accept the token of ${page.name ?? page.id}: ${error.message}`);
    webhookStatus = "FAILED";
    logger.warn("webhook subscription failed", { pageId: page.id, error });
  }

  return db.$transaction(async (tx) => {
    const connected: ConnectedChannel[] = [];
    for (const target of targets) {
      const existing = await tx.channel.findUnique({
        where: { platform_metaId: { platform: target.platform, metaId: target.metaId } },
        select: { id: true, accountId: true, syncStatus: true, reconcileWatermark: true },
      });
      if (existing && existing.accountId !== input.accountId) {
        throw AppError.conflict(`${target.name} is already connected to another team's inbox.`, { connectError: "already_connected" });
      }
      const id = existing?.id ?? randomUUID();
      const data = {
        pageMetaId: page.id,
        name: target.name,
        username: target.username,
        pictureUrl: target.pictureUrl,
        accessTokenEncrypted: sealChannelToken(id, pageToken),
        tokenStatus: "VALID" as const,
        tokenError: null,
        tokenCheckedAt: new Date(),
        webhookStatus,
        webhookSubscribedAt: webhookStatus === "SUBSCRIBED" ? new Date() : null,
        disconnectedAt: null,
        connectedById: input.actorId,
        ...(input.grantedScopes ? { grantedScopes: input.grantedScopes } : {}),
      };
      await tx.channel.upsert({
        where: { platform_metaId: { platform: target.platform, metaId: target.metaId } },
        create: { id, accountId: input.accountId, platform: target.platform, metaId: target.metaId, ...data },
        update: data,
      });
      await recordAuditEvent(
        { accountId: input.accountId, actorId: input.actorId, type: "channel.connected", data: { channelId: id, platform: target.platform, metaId: target.metaId, name: target.name } },
        tx,
      );
      const synced = existing && existing.reconcileWatermark !== null && existing.syncStatus !== "NEVER_SYNCED";
      if (synced) {
        await enqueueJob(SYNC_QUEUES.reconcile, { channelId: id, mode: "once", full: true }, { singletonKey: onDemandReconcileKey(id), maxAttempts: 5 }, tx);
      } else {
        await startBackfill(id, tx);
      }
      await publishRealtime([{ type: "channel.updated", accountId: input.accountId, channelId: id }], tx);
      connected.push({ id, platform: target.platform, metaId: target.metaId, name: target.name, created: !existing });
    }
    return connected;
  });
}
