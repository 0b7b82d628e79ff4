// Token endpoints that need no object: the OAuth code exchange and debug_token.

import { USER_TOKEN_TTL_MS } from "../datasets";
import { Errors, GraphError } from "../errors";
import type { GraphContext } from "./context";

/** `GET|POST /oauth/access_token`: the OAuth code exchange and `grant_type=fb_exchange_token`. */
export function oauthAccessToken(ctx: GraphContext): Record<string, unknown> {
  const sim = ctx.sim;
  const app = sim.config.app;
  const clientId = ctx.str("client_id");
  if (!clientId || clientId !== app.id) throw Errors.invalidClientId();
  if (ctx.str("client_secret") !== app.secret) throw Errors.invalidClientSecret();
  if (ctx.str("grant_type") === "fb_exchange_token") {
    const old = ctx.str("fb_exchange_token");
    if (!old) throw Errors.paramRequired("fb_exchange_token");
    const rec = sim.resolveToken(old);
    if (rec.kind !== "user") throw Errors.paramInvalid("fb_exchange_token must be a user access token");
    const fresh = sim.issueUserToken(rec.scopes, rec.grantedPageIds, USER_TOKEN_TTL_MS);
    return { access_token: fresh.token, token_type: "bearer", expires_in: Math.round(USER_TOKEN_TTL_MS / 1000) };
  }
  const code = ctx.str("code");
  if (!code) throw Errors.paramRequired("code");
  const rec = sim.oauthCodes.get(code);
  if (!rec || rec.igAccountId !== undefined) throw Errors.codeInvalid();
  if (rec.used) throw Errors.codeUsed();
  if (sim.now() - rec.createdAt > 10 * 60_000) throw Errors.codeExpired();
  if ((ctx.str("redirect_uri") ?? "") !== rec.redirectUri) throw Errors.codeRedirectMismatch();
  rec.used = true;
  const token = sim.issueUserToken(rec.scopes, rec.pageIds, USER_TOKEN_TTL_MS);
  return { access_token: token.token, token_type: "bearer", expires_in: Math.round(USER_TOKEN_TTL_MS / 1000) };
}

/** `GET /debug_token?input_token=`: what Meta knows about a token. */
export function debugToken(ctx: GraphContext): Record<string, unknown> {
  const sim = ctx.sim;
  const access = ctx.str("access_token") ?? "";
  const app = sim.config.app;
  if (access !== `${app.id}|${app.secret}`) ctx.authenticate();
  const input = ctx.str("input_token");
  if (!input) throw Errors.paramRequired("input_token");
  const rec = sim.world.tokens.get(input);
  if (!rec) return { data: { is_valid: false, error: { code: 190, message: "Invalid OAuth access token - Cannot parse access token" } } };
  let valid = true;
  let err: Record<string, unknown> | undefined;
  try {
    sim.resolveToken(input);
  } catch (e) {
    valid = false;
    if (e instanceof GraphError) err = { code: e.code, ...(e.subcode !== undefined ? { subcode: e.subcode } : {}), message: e.message };
  }
  const data: Record<string, unknown> = {
    app_id: app.id,
    type: rec.kind === "page" ? "PAGE" : "USER",
    application: app.name,
    data_access_expires_at: Math.floor((rec.issuedAt + 90 * 86_400_000) / 1000),
    expires_at: rec.expiresAt === null ? 0 : Math.floor(rec.expiresAt / 1000),
    is_valid: valid,
    issued_at: Math.floor(rec.issuedAt / 1000),
    scopes: rec.scopes,
    user_id: rec.userId,
  };
  if (rec.pageId) data.profile_id = rec.pageId;
  if (err) data.error = err;
  return { data };
}
