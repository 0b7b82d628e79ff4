// Instagram API with Instagram Login (Meta: "Business Login for Instagram", "Access Token", "Refresh Access
// Token" references): an Instagram professional account connects without a Facebook Page. Three hosts, each
// configured on its own (lib/config/env-schema.ts): the authorization window (www.instagram.com), the code
// exchange (api.instagram.com) and the Graph API for Instagram tokens (graph.instagram.com).
//
//   window → code → POST api.instagram.com/oauth/access_token → short-lived token (1 h)
//          → GET graph.instagram.com/access_token?grant_type=ig_exchange_token → long-lived token (60 days)
//          → GET graph.instagram.com/refresh_access_token?grant_type=ig_refresh_token (≥ 24 h old, unexpired)
//
// No Next or Prisma imports.
import type { GraphClient } from "./graph-client";
import { GraphApiError } from "./graph-error";

/**
 * What the inbox asks for: the account's profile, its messages, and the comments on its media (read, answer, and
 * private replies — those need the messages permission too). The person may untick comments in Instagram's
 * window: the channel then works without them and says so (lib/comments/comment-permissions.ts).
 */
export const INSTAGRAM_LOGIN_SCOPES = ["instagram_business_basic", "instagram_business_manage_messages", "instagram_business_manage_comments"] as const;

/**
 * Webhook fields of the Instagram app (Instagram Login): the business's own replies arrive as `is_echo` messages
 * under `messages`; reads as `messaging_seen`.
 */
export const INSTAGRAM_WEBHOOK_FIELDS = ["messages", "messaging_postbacks", "messaging_seen", "message_reactions", "messaging_referral", "message_edit"] as const;

/** Comment fields, subscribed only when the account granted instagram_business_manage_comments (Meta requires it). */
export const INSTAGRAM_COMMENT_WEBHOOK_FIELDS = ["comments", "live_comments"] as const;

export function instagramAuthorizeUrl(input: { oauthBaseUrl: string; appId: string; redirectUri: string; state: string }): string {
  const url = new URL(`${input.oauthBaseUrl.replace(/\/+$/, "")}/oauth/authorize`);
  url.searchParams.set("client_id", input.appId);
  url.searchParams.set("redirect_uri", input.redirectUri);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("scope", INSTAGRAM_LOGIN_SCOPES.join(","));
  url.searchParams.set("state", input.state);
  return url.toString();
}

/** api.instagram.com refused the code exchange (its own error envelope, not Graph's). */
export class InstagramLoginError extends Error {
  override name = "InstagramLoginError";
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

export interface InstagramShortLivedToken {
  token: string;
  /** The professional account id (webhooks' `entry.id`). */
  userId: string;
  permissions: string[];
}

/** `POST {api}/oauth/access_token`: the code from the window → a short-lived token. Accepts Meta's `data[]` and flat answers. */
export async function exchangeInstagramCode(
  input: { apiBaseUrl: string; appId: string; appSecret: string; redirectUri: string; code: string },
  fetchImpl: typeof fetch = fetch,
): Promise<InstagramShortLivedToken> {
  let response: Response;
  try {
    response = await fetchImpl(`${input.apiBaseUrl.replace(/\/+$/, "")}/oauth/access_token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({ client_id: input.appId, client_secret: input.appSecret, grant_type: "authorization_code", redirect_uri: input.redirectUri, code: input.code.replace(/#_$/, "") }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new InstagramLoginError(`Instagram could not be reached: ${(error as Error).message}`, null);
  }
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new InstagramLoginError(`Instagram answered HTTP ${response.status} without JSON`, response.status);
  }
  if (!response.ok) throw new InstagramLoginError(String(body.error_message ?? (body.error as { message?: string } | undefined)?.message ?? `HTTP ${response.status}`), response.status);
  const item = (Array.isArray(body.data) ? body.data[0] : body) as { access_token?: unknown; user_id?: unknown; permissions?: unknown } | undefined;
  if (!item || typeof item.access_token !== "string" || item.user_id === undefined) throw new InstagramLoginError("Instagram's answer carried no token", response.status);
  const permissions = Array.isArray(item.permissions) ? item.permissions.map(String) : String(item.permissions ?? "").split(",").filter((p) => p !== "");
  return { token: item.access_token, userId: String(item.user_id), permissions };
}

export interface InstagramLongLivedToken {
  token: string;
  expiresInSeconds: number;
}

/** `GET {graph.instagram.com}/access_token?grant_type=ig_exchange_token`: short-lived → long-lived (60 days). */
export async function exchangeForLongLivedToken(graph: GraphClient, input: { appSecret: string; shortLivedToken: string }): Promise<InstagramLongLivedToken> {
  const answer = await graph.get<{ access_token: string; expires_in: number }>("access_token", {
    token: input.shortLivedToken,
    params: { grant_type: "ig_exchange_token", client_secret: input.appSecret },
    retries: 1,
  });
  return { token: answer.access_token, expiresInSeconds: answer.expires_in };
}

/** `GET {graph.instagram.com}/refresh_access_token?grant_type=ig_refresh_token`: a fresh 60-day token. */
export async function refreshLongLivedToken(graph: GraphClient, token: string): Promise<InstagramLongLivedToken> {
  const answer = await graph.get<{ access_token: string; expires_in: number }>("refresh_access_token", { token, params: { grant_type: "ig_refresh_token" }, retries: 1 });
  if (typeof answer.access_token !== "string" || typeof answer.expires_in !== "number") {
    throw new GraphApiError(200, { message: "refresh_access_token answered without a token", code: 1 });
  }
  return { token: answer.access_token, expiresInSeconds: answer.expires_in };
}

export interface InstagramAccountProfile {
  /** The professional account id: `user_id` of /me (not `id`, which is app-scoped). */
  userId: string;
  username: string | null;
  name: string | null;
  pictureUrl: string | null;
}

/** `GET {graph.instagram.com}/me?fields=user_id,username,name,profile_picture_url`. */
export async function fetchInstagramAccount(graph: GraphClient, token: string): Promise<InstagramAccountProfile> {
  const me = await graph.get<{ id: string; user_id?: string | number; username?: string; name?: string; profile_picture_url?: string }>("me", {
    token,
    params: { fields: "user_id,username,name,profile_picture_url" },
  });
  return { userId: String(me.user_id ?? me.id), username: me.username ?? null, name: me.name ?? null, pictureUrl: me.profile_picture_url ?? null };
}

/** `POST {graph.instagram.com}/me/subscribed_apps?subscribed_fields=…`: this account's events reach our webhook. */
export async function subscribeInstagramWebhooks(graph: GraphClient, input: { token: string; owner: string; comments: boolean }): Promise<void> {
  const fields = input.comments ? [...INSTAGRAM_WEBHOOK_FIELDS, ...INSTAGRAM_COMMENT_WEBHOOK_FIELDS] : INSTAGRAM_WEBHOOK_FIELDS;
  await graph.post<{ success: boolean }>("me/subscribed_apps", { token: input.token, owner: input.owner, params: { subscribed_fields: fields.join(",") }, retries: 2 });
}
