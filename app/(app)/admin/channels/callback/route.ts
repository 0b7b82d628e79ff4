import { finishOAuth } from "@/lib/channels/finish-oauth";
import { oauthCallbackRoute } from "@/lib/channels/oauth-routes";

export const dynamic = "force-dynamic";

/** Facebook Login returns here (`redirect_uri`): every Page granted becomes a channel. */
export const GET = oauthCallbackRoute("OAuth", async (input) => (await finishOAuth(input)).length);
