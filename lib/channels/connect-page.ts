import "server-only";
import { randomUUID } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
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
  const targets: ChannelTarget[] = [
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
      connected.push(
        await saveConnectedChannel(tx, {
          accountId: input.accountId,
          actorId: input.actorId,
          target,
          token: pageToken,
          connection: { kind: "FACEBOOK_LOGIN", pageMetaId: page.id },
          webhookStatus,
          grantedScopes: input.grantedScopes,
        }),
      );
    }
    return connected;
  });
}

export interface ChannelTarget {
  platform: "MESSENGER" | "INSTAGRAM";
  metaId: string;
  name: string;
  username: string | null;
  pictureUrl: string | null;
}

export type ChannelConnectionInput =
  | { kind: "FACEBOOK_LOGIN"; pageMetaId: string }
  | { kind: "INSTAGRAM_LOGIN"; obtainedAt: Date; expiresAt: Date; refreshAt: Date };

/**
 * Stores a connected channel — one row per (platform, Meta id), whichever login connected it: connecting the
 * same Instagram account through the other login switches its connection on the same row, so its history,
 * assignments and settings stay. Starts a backfill (first connection) or a full reconciliation (reconnection:
 * webhooks may have been missed meanwhile), audits and publishes.
 */
export async function saveConnectedChannel(
  tx: Tx,
  input: {
    accountId: string;
    actorId: string | null;
    target: ChannelTarget;
    token: string;
    connection: ChannelConnectionInput;
    webhookStatus: "SUBSCRIBED" | "FAILED";
    /** Permissions granted with the token; undefined/null = unknown, keep what was recorded. */
    grantedScopes?: string[] | null;
  },
): Promise<ConnectedChannel> {
  const { target, connection } = input;
  const existing = await tx.channel.findUnique({
    where: { platform_metaId: { platform: target.platform, metaId: target.metaId } },
    select: { id: true, accountId: true, syncStatus: true, reconcileWatermark: true, connection: true },
  });
  if (existing && existing.accountId !== input.accountId) {
    throw AppError.conflict(`${target.name} is already connected to another team's inbox.`, { connectError: "already_connected" });
  }
  const id = existing?.id ?? randomUUID();
  const data = {
    pageMetaId: connection.kind === "FACEBOOK_LOGIN" ? connection.pageMetaId : target.metaId,
    connection: connection.kind,
    name: target.name,
    username: target.username,
    pictureUrl: target.pictureUrl,
    accessTokenEncrypted: sealChannelToken(id, input.token),
    tokenStatus: "VALID" as const,
    tokenError: null,
    tokenCheckedAt: new Date(),
    tokenObtainedAt: connection.kind === "INSTAGRAM_LOGIN" ? connection.obtainedAt : null,
    tokenExpiresAt: connection.kind === "INSTAGRAM_LOGIN" ? connection.expiresAt : null,
    tokenRefreshAt: connection.kind === "INSTAGRAM_LOGIN" ? connection.refreshAt : null,
    tokenRefreshError: null,
    webhookStatus: input.webhookStatus,
    webhookSubscribedAt: input.webhookStatus === "SUBSCRIBED" ? new Date() : null,
    disconnectedAt: null,
    connectedById: input.actorId,
    // Unknown permissions keep what was recorded — unless the login changed: the two logins name permissions
    // differently, so the other login's list says nothing about this token (lib/comments/comment-permissions.ts).
    ...(input.grantedScopes ? { grantedScopes: input.grantedScopes } : existing && existing.connection !== connection.kind ? { grantedScopes: Prisma.DbNull } : {}),
  };
  await tx.channel.upsert({
    where: { platform_metaId: { platform: target.platform, metaId: target.metaId } },
    create: { id, accountId: input.accountId, platform: target.platform, metaId: target.metaId, ...data },
    update: data,
  });
  await recordAuditEvent(
    {
      accountId: input.accountId,
      actorId: input.actorId,
      type: "channel.connected",
      data: { channelId: id, platform: target.platform, metaId: target.metaId, name: target.name, connection: connection.kind, ...(existing && existing.connection !== connection.kind ? { previousConnection: existing.connection } : {}) },
    },
    tx,
  );
  const synced = existing && existing.reconcileWatermark !== null && existing.syncStatus !== "NEVER_SYNCED";
  if (synced) {
    await enqueueJob(SYNC_QUEUES.reconcile, { channelId: id, mode: "once", full: true }, { singletonKey: onDemandReconcileKey(id), maxAttempts: 5 }, tx);
  } else {
    await startBackfill(id, tx);
  }
  await publishRealtime([{ type: "channel.updated", accountId: input.accountId, channelId: id }], tx);
  return { id, platform: target.platform, metaId: target.metaId, name: target.name, created: !existing };
}
