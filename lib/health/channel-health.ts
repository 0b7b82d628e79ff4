import "server-only";
import { channelToken } from "@/lib/channels/channel-token";
import { markChannelProblem } from "@/lib/channels/mark-channel-problem";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { graph } from "@/lib/meta/graph";
import { graphVersionStatus } from "@/lib/meta/graph-api-versions";
import { isGraphApiError, isGraphNetworkError } from "@/lib/meta/graph-error";
import { INSTAGRAM_COMMENT_WEBHOOK_FIELDS, INSTAGRAM_WEBHOOK_FIELDS } from "@/lib/meta/instagram-login";
import { WEBHOOK_FIELDS } from "@/lib/meta/subscribe-page-webhooks";
import { syncFailureSummaries } from "@/lib/sync/sync-failures";
import { channelAttention, type AttentionProblem } from "./channel-attention";
import { deliveryGapSummaries, type DeliveryGapSummary } from "./delivery-gaps";
import { checkPermissions, checkToken, groupSendFailures, healthChannelKind, instagramLoginTokenData, type DebugTokenData, type PermissionCheck, type SendFailureGroup, type TokenCheck } from "./health-checks";

/** A check that asks Meta: its answer, or why it could not be read. */
export type LiveCheck<T> = { ok: true; value: T } | { ok: false; error: string };

/** Each health check that asks Meta waits at most this long: the page must open even when Meta is slow. */
const LIVE_CHECK_TIMEOUT_MS = 5_000;
const SEND_FAILURE_HOURS = 24;

export interface ChannelHealth {
  checkedAt: string;
  channel: {
    id: string;
    name: string;
    platform: "MESSENGER" | "INSTAGRAM";
    metaId: string;
    pageMetaId: string;
    username: string | null;
    tokenStatus: "VALID" | "NEEDS_RECONNECT" | "MISCONFIGURED";
    tokenError: string | null;
    tokenCheckedAt: string | null;
    humanAgentEnabled: boolean;
    webhookStatus: "NOT_SUBSCRIBED" | "SUBSCRIBED" | "FAILED";
    webhookSubscribedAt: string | null;
    syncStatus: "NEVER_SYNCED" | "BACKFILLING" | "IDLE" | "FAILED";
    lastSyncedAt: string | null;
    lastWebhookAt: string | null;
    restrictedAt: string | null;
    restrictionError: string | null;
    connectedAt: string;
  };
  attention: AttentionProblem[];
  /** Meta's debug_token for the channel's token: kind, expiry, validity. */
  token: LiveCheck<TokenCheck>;
  /** The permissions the token holds (debug_token `scopes`) against those the inbox needs. */
  permissions: LiveCheck<PermissionCheck & { granted: string[] }>;
  /** `GET /{page-id}/subscribed_apps`: the fields our app receives for the channel's Page. */
  webhookFields: LiveCheck<{ subscribed: string[]; missing: string[] }>;
  deliveryGaps: DeliveryGapSummary & { recent: { conversationId: string; messageSentAt: string; foundAt: string }[] };
  /** Meta's refusals of sends from this channel in the last 24 h, by code. */
  sendFailures: { hours: number; groups: SendFailureGroup[] };
  syncFailures: { count: number; lastAt: string | null; lastError: string | null };
  graphApi: {
    version: string;
    /** The last day Meta serves that version (lib/meta/graph-api-versions.ts); null while Meta has not announced it. */
    endOfLife: string | null;
  };
}

const describeFailure = (error: unknown) =>
  isGraphApiError(error) ? `Meta answered ${error.code}${error.subcode ? `/${error.subcode}` : ""}: ${error.message}${error.fbtraceId ? ` (fbtrace_id ${error.fbtraceId})` : ""}` : isGraphNetworkError(error) ? "Meta did not answer in time." : "The check failed.";

/**
 * Everything the health page shows about one channel: what we recorded (token status, last webhook, delivery
 * gaps, send failures by code, restrictions, sync failures) and what Meta says now (debug_token: token kind,
 * expiry and permissions; subscribed_apps: webhook fields). Meta's checks are made on each call, in parallel,
 * 5 s at most each; a token Meta refuses there marks the channel "needs reconnect" like any other call.
 */
export async function getChannelHealth(accountId: string, channelId: string, now = new Date()): Promise<ChannelHealth> {
  const channel = await db.channel.findFirst({
    where: { id: channelId, accountId, disconnectedAt: null },
    select: {
      id: true, name: true, platform: true, metaId: true, pageMetaId: true, username: true, tokenStatus: true, tokenError: true, tokenCheckedAt: true,
      humanAgentEnabled: true, webhookStatus: true, webhookSubscribedAt: true, syncStatus: true, lastSyncedAt: true, lastWebhookAt: true,
      restrictedAt: true, restrictionError: true, createdAt: true, accessTokenEncrypted: true,
      connection: true, tokenObtainedAt: true, tokenExpiresAt: true, grantedScopes: true,
    },
  });
  if (!channel) throw AppError.notFound("Channel");
  const { accessTokenEncrypted, createdAt, connection, tokenObtainedAt, tokenExpiresAt, grantedScopes, ...stored } = channel;
  const kind = healthChannelKind(channel.platform, connection);
  const granted = Array.isArray(grantedScopes) ? grantedScopes.filter((s): s is string => typeof s === "string") : [];
  const expectedFields: readonly string[] =
    kind === "INSTAGRAM_LOGIN"
      ? [...INSTAGRAM_WEBHOOK_FIELDS, ...(granted.includes("instagram_business_manage_comments") ? INSTAGRAM_COMMENT_WEBHOOK_FIELDS : [])]
      : WEBHOOK_FIELDS;

  const [live, gaps, recentGaps, failureRows, syncFailures] = await Promise.all([
    accessTokenEncrypted
      ? liveChecks(
          channel.id,
          connection === "INSTAGRAM_LOGIN"
            ? { connection, recorded: { obtainedAt: tokenObtainedAt, expiresAt: tokenExpiresAt, grantedScopes: granted } }
            : { connection, pageMetaId: channel.pageMetaId },
        )
      : Promise.resolve(null),
    deliveryGapSummaries([channel.id], now),
    db.$queryRaw<{ conversation_id: string; message_sent_at: Date; found_at: Date }[]>`
      SELECT m.conversation_id::text, g.message_sent_at, g.found_at
        FROM delivery_gaps g JOIN messages m ON m.id = g.message_id
       WHERE g.channel_id = ${channel.id}::uuid ORDER BY g.found_at DESC, g.id DESC LIMIT 5`,
    // Every failed Send API call is audited (send.failed, `final` when the message ended FAILED).
    db.$queryRaw<{ code: number | null; subcode: number | null; calls: number; final: number }[]>`
      SELECT (e.data->>'code')::int AS code, (e.data->>'subcode')::int AS subcode, count(*)::int AS calls,
             (count(*) FILTER (WHERE (e.data->>'final')::boolean))::int AS final
        FROM audit_events e JOIN conversations c ON c.id = e.conversation_id
       WHERE e.account_id = ${accountId}::uuid AND e.type = 'send.failed' AND e.created_at >= ${new Date(now.getTime() - SEND_FAILURE_HOURS * 3_600_000)}
         AND c.channel_id = ${channel.id}::uuid
       GROUP BY 1, 2`,
    syncFailureSummaries([channel.id], new Date(now.getTime() - 7 * 86_400_000)),
  ]);
  const gapSummary = gaps.get(channel.id) ?? { count: 0, lastAt: null };
  const notConnected = { ok: false as const, error: "The channel has no token (disconnected from Meta): reconnect it." };
  const debug = live?.debug ?? notConnected;
  const subscribed = live?.subscribed ?? notConnected;
  const failure = syncFailures.get(channel.id);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    checkedAt: now.toISOString(),
    channel: {
      ...stored,
      tokenCheckedAt: iso(stored.tokenCheckedAt),
      webhookSubscribedAt: iso(stored.webhookSubscribedAt),
      lastSyncedAt: iso(stored.lastSyncedAt),
      lastWebhookAt: iso(stored.lastWebhookAt),
      restrictedAt: iso(stored.restrictedAt),
      connectedAt: createdAt.toISOString(),
    },
    attention: channelAttention({ ...stored, lastDeliveryGapAt: gapSummary.lastAt }, now),
    token: debug.ok ? { ok: true, value: checkToken(debug.value, now) } : debug,
    permissions: debug.ok ? { ok: true, value: { ...checkPermissions(kind, debug.value.scopes ?? []), granted: debug.value.scopes ?? [] } } : debug,
    webhookFields: subscribed.ok ? { ok: true, value: { subscribed: subscribed.value, missing: expectedFields.filter((f) => !subscribed.value.includes(f)) } } : subscribed,
    deliveryGaps: {
      ...gapSummary,
      recent: recentGaps.map((g) => ({ conversationId: g.conversation_id, messageSentAt: g.message_sent_at.toISOString(), foundAt: g.found_at.toISOString() })),
    },
    sendFailures: { hours: SEND_FAILURE_HOURS, groups: groupSendFailures(failureRows) },
    syncFailures: { count: failure?.count ?? 0, lastAt: iso(failure?.lastAt ?? null), lastError: failure?.lastError ?? null },
    graphApi: graphApiOf(env().META_GRAPH_VERSION, now),
  };
}

function graphApiOf(version: string, now: Date): ChannelHealth["graphApi"] {
  const status = graphVersionStatus(version, now);
  return { version, endOfLife: status.state === "unknown" ? null : status.availableUntil };
}

type LiveCheckTarget =
  | { connection: "FACEBOOK_LOGIN"; pageMetaId: string }
  | { connection: "INSTAGRAM_LOGIN"; recorded: Parameters<typeof instagramLoginTokenData>[0] };

/**
 * What Meta says now, with the channel's own token (it never leaves this function), both reads in parallel:
 * Facebook Login — debug_token and the Page's subscribed_apps on graph.facebook.com; Instagram Login — `GET /me`
 * (graph.instagram.com has no debug_token: a token that reads /me works, the rest is what we recorded) and the
 * account's subscribed_apps, on graph.instagram.com. Sending an Instagram token to the Facebook host would be
 * refused with 190 and wrongly mark the channel "needs reconnect".
 */
async function liveChecks(channelId: string, target: LiveCheckTarget): Promise<{ debug: LiveCheck<DebugTokenData>; subscribed: LiveCheck<string[]> }> {
  let token: string;
  try {
    token = await channelToken(channelId);
  } catch {
    const error = { ok: false as const, error: "The channel's token could not be read: reconnect it." };
    return { debug: error, subscribed: error };
  }
  const client = graph(target.connection);
  const options = { token, retries: 0, timeoutMs: LIVE_CHECK_TIMEOUT_MS };
  const attempt = async <T>(read: () => Promise<T>): Promise<LiveCheck<T>> => {
    try {
      return { ok: true, value: await read() };
    } catch (error) {
      if (isGraphApiError(error) && error.isTokenInvalid) await markChannelProblem(channelId, error, "token").catch(() => {});
      return { ok: false, error: describeFailure(error) };
    }
  };
  const subscribedFields = async (path: string) => {
    const answer = await client.get<{ data: { id?: string; subscribed_fields?: string[] }[] }>(path, options);
    // graph.instagram.com lists the app without its id; graph.facebook.com lists every app of the Page.
    const ours = answer.data.find((app) => app.id === env().META_APP_ID) ?? (target.connection === "INSTAGRAM_LOGIN" ? answer.data[0] : undefined) ?? null;
    return ours?.subscribed_fields ?? [];
  };
  if (target.connection === "INSTAGRAM_LOGIN") {
    const [debug, subscribed] = await Promise.all([
      attempt(async () => {
        await client.get<{ user_id?: string }>("me", { ...options, params: { fields: "user_id,username" } });
        return instagramLoginTokenData(target.recorded);
      }),
      attempt(() => subscribedFields("me/subscribed_apps")),
    ]);
    return { debug, subscribed };
  }
  const [debug, subscribed] = await Promise.all([
    // Meta accepts any valid token of the same app as the access token of debug_token: the Page token itself.
    attempt(async () => (await client.get<{ data: DebugTokenData }>("debug_token", { ...options, params: { input_token: token } })).data),
    attempt(() => subscribedFields(`${target.pageMetaId}/subscribed_apps`)),
  ]);
  return { debug, subscribed };
}
