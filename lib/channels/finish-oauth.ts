import "server-only";
import type { SessionAgent } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
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
    throw AppError.forbidden("This Facebook sign-in was not started here (or took too long). Start again from Channels.");
  }
  const error = input.query.get("error");
  if (error) throw AppError.invalid(error === "access_denied" ? "Connecting was cancelled in the Facebook dialog." : `Facebook answered: ${input.query.get("error_description") ?? error}`);
  const code = input.query.get("code");
  if (!code) throw AppError.invalid("Facebook did not return a code.");
  let userToken: string;
  try {
    ({ userToken } = await exchangeOAuthCode(graph(), { appId: config.META_APP_ID, appSecret: config.META_APP_SECRET, redirectUri: oauthRedirectUri(), code }));
  } catch (e) {
    if (e instanceof GraphApiError) throw AppError.invalid(`Meta refused the sign-in code: ${e.message}`);
    throw e;
  }
  return connectChannelsFromUserToken({ accountId: input.admin.accountId, actorId: input.admin.id, userToken });
}
