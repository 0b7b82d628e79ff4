import "server-only";
import type { SessionAgent } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { CONNECT_ERRORS } from "./connect-errors";
import { logger } from "@/lib/logger";
import { exchangeOAuthCode } from "@/lib/meta/exchange-oauth-code";
import { graph } from "@/lib/meta/graph";
import { GraphApiError } from "@/lib/meta/graph-error";
import { connectChannelsFromUserToken } from "./connect-channels-from-user-token";
import type { ConnectedChannel } from "./connect-page";
import { verifyOAuthState } from "./oauth-state";
import { oauthRedirectUri } from "./start-oauth";

/**
 * The end of Facebook Login: checks the state (this admin, this browser, not expired, signed by us), exchanges
 * the code for a user token and connects the granted Pages.
 */
export async function finishOAuth(input: { admin: SessionAgent; query: URLSearchParams; nonce: string | undefined }): Promise<ConnectedChannel[]> {
  const config = env();
  const state = verifyOAuthState(input.query.get("state"), { agentId: input.admin.id, nonce: input.nonce, secret: config.AUTH_SECRET });
  if (!state.ok) {
    logger.warn("OAuth callback refused", { reason: state.reason, agentId: input.admin.id });
    throw new AppError("forbidden", CONNECT_ERRORS.oauth_state, { connectError: "oauth_state" });
  }
  const error = input.query.get("error");
  if (error) {
    logger.warn("Facebook Login answered an error", { error, description: input.query.get("error_description") });
    throw AppError.invalid(error === "access_denied" ? CONNECT_ERRORS.cancelled : CONNECT_ERRORS.facebook_error, { connectError: error === "access_denied" ? "cancelled" : "facebook_error" });
  }
  const code = input.query.get("code");
  if (!code) throw AppError.invalid(CONNECT_ERRORS.facebook_error, { connectError: "facebook_error" });
  let userToken: string;
  try {
    ({ userToken } = await exchangeOAuthCode(graph(), { appId: config.META_APP_ID, appSecret: config.META_APP_SECRET, redirectUri: oauthRedirectUri(), code }));
  } catch (e) {
    if (e instanceof GraphApiError) {
      logger.warn("Meta refused the OAuth code", { error: e });
      throw AppError.invalid(CONNECT_ERRORS.meta_refused, { connectError: "meta_refused" });
    }
    throw e;
  }
  return connectChannelsFromUserToken({ accountId: input.admin.accountId, actorId: input.admin.id, userToken });
}
