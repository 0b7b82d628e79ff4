import { oauthStartRoute } from "@/lib/channels/oauth-routes";
import { startOAuth } from "@/lib/channels/start-oauth";

/** Starts "Connect with Facebook": a nonce cookie for this browser, then Meta's Login dialog. */
export const GET = oauthStartRoute(startOAuth);
