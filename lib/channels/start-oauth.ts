import "server-only";
import { env } from "@/lib/env";
import { oauthDialogUrl } from "@/lib/meta/oauth-dialog-url";
import { createOAuthState } from "./oauth-state";

/** Where Facebook Login sends the admin back to (must be listed in the Meta app's valid redirect URIs). */
export function oauthRedirectUri(): string {
  return `${env().APP_URL.replace(/\/+$/, "")}/admin/channels/callback`;
}

/** The Facebook Login dialog URL for an admin, and the nonce to keep in their browser's cookie. */
export function startOAuth(agentId: string): { url: string; nonce: string } {
  const config = env();
  const { state, nonce } = createOAuthState(agentId, config.AUTH_SECRET);
  return {
    url: oauthDialogUrl({ dialogBaseUrl: config.META_OAUTH_DIALOG_URL, version: config.META_GRAPH_VERSION, appId: config.META_APP_ID, redirectUri: oauthRedirectUri(), state }),
    nonce,
  };
}
