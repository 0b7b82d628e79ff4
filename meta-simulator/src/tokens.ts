// Access tokens: Meta's 190 family on use, user tokens from the OAuth flow, Page tokens per user token (with
// that token's scopes), invalidation. The records live in the world (persisted with it).

import { ALL_SCOPES } from "./datasets";
import { Errors } from "./errors";
import type { Simulator } from "./simulator";
import type { PageRec, TokenRec } from "./world";

/** Returns the token record or throws Meta's 190 family. */
export function resolveToken(sim: Simulator, token: string): TokenRec {
  const rec = sim.world.tokens.get(token);
  if (!rec) throw Errors.invalidToken();
  if (rec.invalidatedAt !== null) throw Errors.sessionInvalidated();
  const now = sim.now();
  if (rec.expiresAt !== null && now >= rec.expiresAt) throw Errors.sessionExpired(rec.expiresAt, now);
  return rec;
}

export function issueUserToken(sim: Simulator, scopes: string[], pageIds: string[] | null, ttlMs: number): TokenRec {
  const rec: TokenRec = {
    token: sim.ids.token(),
    kind: "user",
    userId: sim.world.user.id,
    pageId: null,
    appId: sim.config.app.id,
    scopes,
    grantedPageIds: pageIds,
    issuedAt: sim.now(),
    expiresAt: sim.now() + ttlMs,
    invalidatedAt: null,
  };
  sim.world.tokens.set(rec.token, rec);
  sim.touch();
  return rec;
}

/**
 * A Page token. With a user token (`/me/accounts`): the Page token obtained with that user token, with
 * its scopes (minted on first use, re-minted after invalidation). Without: the Page's current token
 * (minted with every scope if invalid). `page.accessToken` always holds the latest one.
 */
export function pageTokenFor(sim: Simulator, page: PageRec, viaUserToken?: TokenRec): string {
  if (viaUserToken) {
    for (const t of sim.world.tokens.values()) {
      if (t.kind === "page" && t.pageId === page.id && t.parentToken === viaUserToken.token && t.invalidatedAt === null) return t.token;
    }
    const cur = sim.world.tokens.get(page.accessToken);
    // Dataset tokens and tokens of a user token with the same scopes are reused as they are.
    if (cur && cur.invalidatedAt === null && cur.parentToken === undefined && sameScopes(cur.scopes, viaUserToken.scopes)) return cur.token;
  } else {
    const cur = sim.world.tokens.get(page.accessToken);
    if (cur && cur.invalidatedAt === null) return page.accessToken;
  }
  const rec: TokenRec = {
    token: sim.ids.token(),
    kind: "page",
    userId: sim.world.user.id,
    pageId: page.id,
    appId: sim.config.app.id,
    scopes: viaUserToken ? [...viaUserToken.scopes] : [...ALL_SCOPES],
    grantedPageIds: null,
    ...(viaUserToken ? { parentToken: viaUserToken.token } : {}),
    issuedAt: sim.now(),
    expiresAt: null,
    invalidatedAt: null,
  };
  sim.world.tokens.set(rec.token, rec);
  page.accessToken = rec.token;
  sim.touch();
  return rec.token;
}

/** Invalidates every Page token of a Page; returns them. */
export function invalidatePageTokens(sim: Simulator, pageId: string): string[] {
  const out: string[] = [];
  for (const t of sim.world.tokens.values()) {
    if (t.kind === "page" && t.pageId === pageId && t.invalidatedAt === null) {
      t.invalidatedAt = sim.now();
      out.push(t.token);
    }
  }
  sim.touch();
  return out;
}

export function invalidateToken(sim: Simulator, token: string): boolean {
  const rec = sim.world.tokens.get(token);
  if (!rec) return false;
  rec.invalidatedAt = sim.now();
  sim.touch();
  return true;
}

function sameScopes(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Instagram Login: a short-lived token lasts 1 hour; a long-lived one 60 days (Meta's documented lifetimes). */
export const IG_SHORT_LIVED_TTL_MS = 60 * 60_000;
export const IG_LONG_LIVED_TTL_MS = 60 * 86_400_000;
/** Meta refreshes only long-lived tokens at least 24 hours old (reference/refresh_access_token). */
export const IG_REFRESH_MIN_AGE_MS = 24 * 60 * 60_000;

/** An Instagram User access token for one professional account (Instagram Login). */
export function issueInstagramToken(sim: Simulator, igAccountId: string, scopes: string[], longLived: boolean): TokenRec {
  const rec: TokenRec = {
    token: `IGAA${sim.ids.token()}`,
    kind: "instagram",
    userId: igAccountId,
    pageId: null,
    appId: sim.config.app.id,
    scopes,
    grantedPageIds: null,
    issuedAt: sim.now(),
    expiresAt: sim.now() + (longLived ? IG_LONG_LIVED_TTL_MS : IG_SHORT_LIVED_TTL_MS),
    invalidatedAt: null,
    igAccountId,
    longLived,
  };
  sim.world.tokens.set(rec.token, rec);
  sim.touch();
  return rec;
}
