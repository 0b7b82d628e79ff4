import "server-only";
import type { SessionAgent } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { exchangeInstagramCode, instagramAuthorizeUrl, InstagramLoginError } from "@/lib/meta/instagram-login";
import { CONNECT_ERRORS } from "./connect-errors";
import { connectInstagramAccount } from "./connect-instagram-account";
import type { ConnectedChannel } from "./connect-page";
import { createOAuthState, verifyOAuthState } from "./oauth-state";

/** Where Instagram's window sends the admin back to (a valid OAuth redirect URI of the Instagram app). */
export function instagramRedirectUri(): string {
  return `${env().APP_URL.replace(/\/+$/, "")}/admin/channels/instagram-callback`;
}

/** "Connect with Instagram": the authorization window's URL for an admin, and the nonce for their browser's cookie. */
export function startInstagramOAuth(agentId: string): { url: string; nonce: string } {
  const config = env();
  const { state, nonce } = createOAuthState(agentId, config.AUTH_SECRET);
  return {
    url: instagramAuthorizeUrl({ oauthBaseUrl: config.META_INSTAGRAM_OAUTH_URL, appId: config.META_INSTAGRAM_APP_ID ?? config.META_APP_ID, redirectUri: instagramRedirectUri(), state }),
    nonce,
  };
}

/**
 * The end of Instagram Login: the same state checks as Facebook Login (this admin, this browser, signed, not
 * expired), then code → short-lived token (api.instagram.com) → the account connected.
 */
export async function finishInstagramOAuth(input: { admin: SessionAgent; query: URLSearchParams; nonce: string | undefined }): Promise<ConnectedChannel> {
  const config = env();
  const state = verifyOAuthState(input.query.get("state"), { agentId: input.admin.id, nonce: input.nonce, secret: config.AUTH_SECRET });
  if (!state.ok) {
    logger.warn("Instagram Login callback refused", { reason: state.reason, agentId: input.admin.id });
    throw new AppError("forbidden", CONNECT_ERRORS.oauth_state, { connectError: "oauth_state" });
  }
  const error = input.query.get("error");
  if (error) {
    logger.warn("Instagram Login answered an error", { error, reason: input.query.get("error_reason") });
    throw AppError.invalid(error === "access_denied" ? CONNECT_ERRORS.cancelled : CONNECT_ERRORS.facebook_error, { connectError: error === "access_denied" ? "cancelled" : "facebook_error" });
  }
  const code = input.query.get("code");
  if (!code) throw AppError.invalid(CONNECT_ERRORS.facebook_error, { connectError: "facebook_error" });
  let shortLived;
  try {
    shortLived = await exchangeInstagramCode({
      apiBaseUrl: config.META_INSTAGRAM_API_URL,
      appId: config.META_INSTAGRAM_APP_ID ?? config.META_APP_ID,
      appSecret: config.META_INSTAGRAM_APP_SECRET ?? config.META_APP_SECRET,
      redirectUri: instagramRedirectUri(),
      code,
    });
  } catch (e) {
    if (e instanceof InstagramLoginError) {
      logger.warn("Instagram refused the code", { error: e.message, status: e.status });
      throw AppError.invalid(CONNECT_ERRORS.meta_refused, { connectError: "meta_refused" });
    }
    throw e;
  }
  return connectInstagramAccount({ accountId: input.admin.accountId, actorId: input.admin.id, shortLivedToken: shortLived.token, grantedScopes: shortLived.permissions });
}
