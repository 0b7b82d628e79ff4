// Instagram API with Instagram Login: the token endpoints and the account node.
//
// - api.instagram.com `POST /oauth/access_token` (the code exchange, served under `/ig-api`): form fields
//   client_id, client_secret, grant_type=authorization_code, redirect_uri, code → a short-lived (1 h) token,
//   `{"data":[{"access_token","user_id","permissions"}]}`; errors in api.instagram.com's own envelope
//   `{"error_type","code","error_message"}`.
// - graph.instagram.com `GET /access_token?grant_type=ig_exchange_token&client_secret&access_token` → a
//   long-lived (60 days) token; `GET /refresh_access_token?grant_type=ig_refresh_token&access_token` → a
//   fresh 60-day token, only for a long-lived token at least 24 h old and not expired.
// - graph.instagram.com `GET /me`: `user_id` is the professional account id (webhooks' `entry.id`, the id
//   the Facebook-Login path knows as `instagram_business_account`), `id` an app-scoped id of the login.

import { createHash } from "node:crypto";
import { Errors } from "../errors";
import { checkKnown, type FieldSpec } from "../fields";
import { IG_LONG_LIVED_TTL_MS, IG_REFRESH_MIN_AGE_MS, issueInstagramToken } from "../tokens";
import type { Simulator } from "../simulator";
import type { IgAccountRec } from "../world";
import type { GraphContext } from "./context";

export interface InstagramApiAnswer {
  status: number;
  body: unknown;
}

/** `POST api.instagram.com/oauth/access_token` (the code exchange). */
export function instagramCodeExchange(sim: Simulator, params: Record<string, unknown>): InstagramApiAnswer {
  const str = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : undefined);
  const refuse = (message: string, code = 400): InstagramApiAnswer => ({ status: code, body: { error_type: "OAuthException", code, error_message: message } });
  const app = sim.config.app;
  if (str("client_id") !== app.id) return refuse("Invalid platform app");
  if (str("client_secret") !== app.secret) return refuse("Error validating client secret.");
  if (str("grant_type") !== "authorization_code") return refuse("Invalid grant_type: authorization_code is required");
  const code = str("code");
  if (!code) return refuse("Missing required field code");
  const rec = sim.oauthCodes.get(code.replace(/#_$/, ""));
  if (!rec || rec.igAccountId === undefined) return refuse("Invalid authorization code");
  if (rec.used) return refuse("This authorization code has been used");
  if (sim.now() - rec.createdAt > 10 * 60_000) return refuse("This authorization code has expired");
  if ((str("redirect_uri") ?? "") !== rec.redirectUri) return refuse("Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request");
  rec.used = true;
  const token = issueInstagramToken(sim, rec.igAccountId, rec.scopes, false);
  return { status: 200, body: { data: [{ access_token: token.token, user_id: rec.igAccountId, permissions: rec.scopes.join(",") }] } };
}

/** `GET graph.instagram.com/access_token?grant_type=ig_exchange_token`: short-lived → long-lived. */
export function instagramExchangeToken(ctx: GraphContext): Record<string, unknown> {
  const sim = ctx.sim;
  if (ctx.str("grant_type") !== "ig_exchange_token") throw Errors.paramInvalid("grant_type must be ig_exchange_token");
  if (ctx.str("client_secret") !== sim.config.app.secret) throw Errors.invalidClientSecret();
  const token = ctx.authenticate();
  const fresh = issueInstagramToken(sim, token.igAccountId as string, token.scopes, true);
  return { access_token: fresh.token, token_type: "bearer", expires_in: Math.round(IG_LONG_LIVED_TTL_MS / 1000) };
}

/** `GET graph.instagram.com/refresh_access_token?grant_type=ig_refresh_token`. */
export function instagramRefreshToken(ctx: GraphContext): Record<string, unknown> {
  const sim = ctx.sim;
  if (ctx.str("grant_type") !== "ig_refresh_token") throw Errors.paramInvalid("grant_type must be ig_refresh_token");
  const token = ctx.authenticate();
  if (!token.longLived) throw Errors.paramInvalid("Only long-lived Instagram User access tokens can be refreshed");
  if (sim.now() - token.issuedAt < IG_REFRESH_MIN_AGE_MS) throw Errors.paramInvalid("The access token must be at least 24 hours old to be refreshed");
  const fresh = issueInstagramToken(sim, token.igAccountId as string, token.scopes, true);
  return { access_token: fresh.token, token_type: "bearer", expires_in: Math.round(IG_LONG_LIVED_TTL_MS / 1000) };
}

const ME_FIELDS = ["id", "user_id", "username", "name", "account_type", "profile_picture_url", "followers_count", "follows_count", "media_count"] as const;

/** An app-scoped id for the login: stable per account, different from the professional account id. */
export function appScopedIgId(ig: IgAccountRec): string {
  const digits = BigInt(`0x${createHash("sha256").update(`app-scoped:${ig.id}`).digest("hex").slice(0, 13)}`).toString().padStart(16, "0");
  return `2${digits.slice(0, 16)}`;
}

/** The professional account as graph.instagram.com shows it (default fields `id,username`). */
export function renderInstagramMe(ctx: GraphContext, ig: IgAccountRec, fields: FieldSpec[] | undefined): Record<string, unknown> {
  const list = fields ?? [{ name: "id", modifiers: {} }, { name: "username", modifiers: {} }];
  checkKnown(list, ME_FIELDS, "IGUser");
  const out: Record<string, unknown> = {};
  for (const f of list) {
    if (f.name === "id") out.id = appScopedIgId(ig);
    else if (f.name === "user_id") out.user_id = ig.id;
    else if (f.name === "username") out.username = ig.username;
    else if (f.name === "name") out.name = ig.name;
    else if (f.name === "account_type") out.account_type = "BUSINESS";
    else if (f.name === "profile_picture_url") out.profile_picture_url = ctx.sim.avatarUrl(ig.id);
    else if (f.name === "followers_count") out.followers_count = 1204;
    else if (f.name === "follows_count") out.follows_count = 87;
    else if (f.name === "media_count") out.media_count = 42;
  }
  out.id ??= appScopedIgId(ig);
  return out;
}
