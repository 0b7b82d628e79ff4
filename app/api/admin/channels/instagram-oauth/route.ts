import { startInstagramOAuth } from "@/lib/channels/instagram-oauth";
import { oauthStartRoute } from "@/lib/channels/oauth-routes";

/** Starts "Connect with Instagram": a nonce cookie for this browser, then Instagram's authorization window. */
export const GET = oauthStartRoute(startInstagramOAuth);
