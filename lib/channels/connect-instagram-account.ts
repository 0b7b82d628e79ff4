import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { graph as graphOf } from "@/lib/meta/graph";
import type { GraphClient } from "@/lib/meta/graph-client";
import { GraphApiError } from "@/lib/meta/graph-error";
import { exchangeForLongLivedToken, fetchInstagramAccount, subscribeInstagramWebhooks } from "@/lib/meta/instagram-login";
import { instagramLoginGrantsComments } from "@/lib/comments/comment-permissions";
import { saveConnectedChannel, type ConnectedChannel } from "./connect-page";
import { nextTokenRefreshAt } from "./token-refresh-policy";

/**
 * Connects an Instagram professional account through Instagram Login, from the short-lived token of the code
 * exchange: exchanges it for a long-lived token (60 days), reads the account (`user_id` is the id webhooks and
 * Facebook Login know it by), subscribes it to the webhook fields the inbox needs (the comment fields when the
 * person granted the comments permission), and stores it — with the permissions granted — as an
 * INSTAGRAM channel with connection INSTAGRAM_LOGIN — the same row as when the account was connected through
 * its Page, so connecting both ways gives one channel with one history.
 */
export async function connectInstagramAccount(input: {
  accountId: string;
  actorId: string | null;
  shortLivedToken: string;
  /** The permissions the person granted (the code exchange's `permissions`); null/empty = unknown. */
  grantedScopes?: string[] | null;
  graph?: GraphClient;
  now?: Date;
}): Promise<ConnectedChannel> {
  const config = env();
  const graph = input.graph ?? graphOf("INSTAGRAM_LOGIN");
  let longLived: { token: string; expiresInSeconds: number };
  let account: Awaited<ReturnType<typeof fetchInstagramAccount>>;
  try {
    longLived = await exchangeForLongLivedToken(graph, { appSecret: config.META_INSTAGRAM_APP_SECRET ?? config.META_APP_SECRET, shortLivedToken: input.shortLivedToken });
    account = await fetchInstagramAccount(graph, longLived.token);
  } catch (error) {
    if (error instanceof GraphApiError) {
      logger.warn("Instagram refused the new token", { error });
      throw AppError.invalid(`Instagram did not accept the sign-in: ${error.message}`, { connectError: "meta_refused" });
    }
    throw error;
  }
  const grantedScopes = input.grantedScopes && input.grantedScopes.length > 0 ? input.grantedScopes : null;
  let webhookStatus: "SUBSCRIBED" | "FAILED" = "SUBSCRIBED";
  try {
    await subscribeInstagramWebhooks(graph, { token: longLived.token, owner: account.userId, comments: grantedScopes !== null && instagramLoginGrantsComments(grantedScopes) });
  } catch (error) {
    if (error instanceof GraphApiError && error.isTokenInvalid) throw AppError.invalid(`Instagram did not accept the token of @${account.username ?? account.userId}: ${error.message}`, { connectError: "meta_refused" });
    webhookStatus = "FAILED";
    logger.warn("Instagram webhook subscription failed", { igUserId: account.userId, error });
  }
  const obtainedAt = input.now ?? new Date();
  const expiresAt = new Date(obtainedAt.getTime() + longLived.expiresInSeconds * 1000);
  return db.$transaction((tx) =>
    saveConnectedChannel(tx, {
      accountId: input.accountId,
      actorId: input.actorId,
      target: { platform: "INSTAGRAM", metaId: account.userId, name: account.name ?? account.username ?? account.userId, username: account.username, pictureUrl: account.pictureUrl },
      token: longLived.token,
      connection: { kind: "INSTAGRAM_LOGIN", obtainedAt, expiresAt, refreshAt: nextTokenRefreshAt({ obtainedAt, expiresAt }) },
      webhookStatus,
      grantedScopes,
    }),
  );
}
