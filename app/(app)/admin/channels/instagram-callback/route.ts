import { finishInstagramOAuth } from "@/lib/channels/instagram-oauth";
import { oauthCallbackRoute } from "@/lib/channels/oauth-routes";

export const dynamic = "force-dynamic";

/** Instagram's window returns here (`redirect_uri`): the account that logged in becomes a channel. */
export const GET = oauthCallbackRoute("Instagram Login", async (input) => {
  await finishInstagramOAuth(input);
  return 1;
});
