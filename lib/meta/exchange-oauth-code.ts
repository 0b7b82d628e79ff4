import type { GraphClient } from "./graph-client";

/**
 * Facebook Login's code exchange: `GET /oauth/access_token?client_id&client_secret&redirect_uri&code` → a user
 * token limited to the Pages the person granted. `redirect_uri` must be byte-identical to the dialog's.
 */
export async function exchangeOAuthCode(
  graph: GraphClient,
  request: { appId: string; appSecret: string; redirectUri: string; code: string },
): Promise<{ userToken: string; expiresInSeconds: number | null }> {
  const answer = await graph.get<{ access_token: string; expires_in?: number }>("oauth/access_token", {
    params: { client_id: request.appId, client_secret: request.appSecret, redirect_uri: request.redirectUri, code: request.code },
    retries: 0,
  });
  return { userToken: answer.access_token, expiresInSeconds: answer.expires_in ?? null };
}
