import "server-only";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { pool } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { AgentRole } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/validations/uuid";
import { readSessionClaims, SESSION_COOKIE_NAMES, type SessionClaims } from "./session-claims";
import { sessionNeedsTouch, sessionState } from "./session-policy";
import { toSessionAgent, type SessionAgent } from "./session-agent";

export { toSessionAgent, type SessionAgent };

type CookieReader = { get(name: string): { value: string } | undefined };

/**
 * The agent of the session cookie among `cookies`, re-read from the database, or null. The session must be
 * open (lib/auth/session-policy.ts) and the agent active with the session version it signed in with: a
 * sign-out, an idle timeout, a deactivation, a role or password change end it on its next request.
 */
export async function agentFromCookies(cookieReader: CookieReader, now = new Date()): Promise<SessionAgent | null> {
  for (const name of SESSION_COOKIE_NAMES) {
    const token = cookieReader.get(name)?.value;
    if (!token) continue;
    const claims = await readSessionClaims(name, token, env().AUTH_SECRET);
    if (claims) return loadSessionAgent(claims, { touch: true, now });
  }
  return null;
}

/** The signed-in agent of this page render (memoised within one render), or null. */
export const currentAgent = cache(async (): Promise<SessionAgent | null> => agentFromCookies(await cookies()));

/** Re-reads an agent outside a request (long-lived streams): null once signed out, timed out, deactivated or re-versioned. */
export async function currentAgentUncached(agent: Pick<SessionAgent, "id" | "sessionVersion" | "sessionId">): Promise<SessionAgent | null> {
  if (agent.sessionId) return loadSessionAgent({ sessionId: agent.sessionId, agentId: agent.id, sessionVersion: agent.sessionVersion }, { touch: false, now: new Date() });
  return loadAgentRow(agent.id, agent.sessionVersion);
}

type AgentRow = {
  id: string;
  account_id: string;
  name: string;
  email: string;
  role: AgentRole;
  active: boolean;
  session_version: number;
  timezone: string;
};

const AGENT_COLUMNS = `a.id, a.account_id, a.name, a.email, a.role, a.active, a.session_version, acc.timezone`;

function toAgent(row: AgentRow | undefined, sessionVersion: number): SessionAgent | null {
  if (!row || !row.active || row.session_version !== sessionVersion) return null;
  return toSessionAgent(
    { id: row.id, accountId: row.account_id, name: row.name, email: row.email, role: row.role, sessionVersion: row.session_version },
    row.timezone,
  );
}

/**
 * Runs on every authenticated request, so it is one indexed query on the pg pool (Prisma's query pipeline
 * costs several times the query itself here), plus at most one small write a minute for the idle timeout.
 */
async function loadSessionAgent(claims: SessionClaims, { touch, now }: { touch: boolean; now: Date }): Promise<SessionAgent | null> {
  if (!isUuid(claims.sessionId) || !isUuid(claims.agentId)) return null;
  const { rows } = await pool.query<AgentRow & { session_agent_id: string; last_seen_at: Date; expires_at: Date; revoked_at: Date | null }>(
    `SELECT ${AGENT_COLUMNS}, s.agent_id AS session_agent_id, s.last_seen_at, s.expires_at, s.revoked_at
       FROM sessions s JOIN agents a ON a.id = s.agent_id JOIN accounts acc ON acc.id = a.account_id
      WHERE s.id = $1`,
    [claims.sessionId],
  );
  const row = rows[0];
  if (!row || row.session_agent_id !== claims.agentId) return null;
  const session = { lastSeenAt: row.last_seen_at, expiresAt: row.expires_at, revokedAt: row.revoked_at };
  if (sessionState(session, now) !== "active") return null;
  const agent = toAgent(row, claims.sessionVersion);
  if (!agent) return null;
  if (touch && sessionNeedsTouch(session, now)) {
    await pool.query(`UPDATE sessions SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2`, [claims.sessionId, now]);
  }
  return { ...agent, sessionId: claims.sessionId };
}

async function loadAgentRow(agentId: string, sessionVersion: number): Promise<SessionAgent | null> {
  if (!isUuid(agentId)) return null;
  const { rows } = await pool.query<AgentRow>(
    `SELECT ${AGENT_COLUMNS} FROM agents a JOIN accounts acc ON acc.id = a.account_id WHERE a.id = $1`,
    [agentId],
  );
  return toAgent(rows[0], sessionVersion);
}

/** Why a session that just ended did so, for the page that was open: "deactivated" by an admin, or "ended" (sign-out, timeout, role or password change). */
export async function signedOutReason(agentId: string): Promise<"deactivated" | "ended"> {
  const { rows } = await pool.query<{ active: boolean }>(`SELECT active FROM agents WHERE id = $1`, [agentId]);
  return rows[0] && !rows[0].active ? "deactivated" : "ended";
}

export function hasRole(agent: SessionAgent, roles: readonly AgentRole[] | undefined): boolean {
  return !roles || roles.includes(agent.role);
}

/**
 * For route handlers: the agent of the request's session cookie; throws 401 / 403 as AppError. Reads the
 * cookies of `request` when given (route handlers), otherwise of the current request (next/headers).
 */
export async function requireAgent(roles?: readonly AgentRole[], request?: { cookies: CookieReader }): Promise<SessionAgent> {
  const agent = request ? await agentFromCookies(request.cookies) : await currentAgent();
  if (!agent) throw AppError.unauthenticated();
  if (!hasRole(agent, roles)) throw AppError.forbidden();
  return agent;
}

/** For pages and layouts: redirects to /login (and back afterwards) when signed out, 403 for the wrong role. */
export async function requirePageAgent(roles?: readonly AgentRole[]): Promise<SessionAgent> {
  const agent = await currentAgent();
  if (!agent) {
    // Set by proxy.ts for every request that carries a session cookie.
    const returnTo = (await headers()).get("x-inbox-request-path");
    redirect(returnTo ? `/login?callbackUrl=${encodeURIComponent(returnTo)}` : "/login");
  }
  if (!hasRole(agent, roles)) forbidden();
  return agent;
}

export const MANAGERS: readonly AgentRole[] = ["MANAGER", "ADMIN"];
export const ADMINS: readonly AgentRole[] = ["ADMIN"];
