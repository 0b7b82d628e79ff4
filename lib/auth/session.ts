import "server-only";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { pool } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { AgentRole } from "@/lib/generated/prisma/client";
import { readSessionClaims, SESSION_COOKIE_NAMES } from "./session-claims";
import { toSessionAgent, type SessionAgent } from "./session-agent";

export { toSessionAgent, type SessionAgent };

/**
 * The signed-in agent, re-read from the database on every request (memoised within one render), or null.
 * A session minted before the agent was deactivated, changed role or changed password carries an older
 * session version and is refused here.
 */
export const currentAgent = cache(async (): Promise<SessionAgent | null> => {
  const store = await cookies();
  for (const name of SESSION_COOKIE_NAMES) {
    const token = store.get(name)?.value;
    if (!token) continue;
    const claims = await readSessionClaims(name, token, env().AUTH_SECRET);
    if (claims) return loadActiveAgent(claims.agentId, claims.sessionVersion);
  }
  return null;
});

/** Re-reads an agent outside a request (long-lived streams): null once deactivated or re-versioned. */
export function currentAgentUncached(agent: Pick<SessionAgent, "id" | "sessionVersion">): Promise<SessionAgent | null> {
  return loadActiveAgent(agent.id, agent.sessionVersion);
}

/**
 * Runs on every authenticated request, so it is one indexed query on the pg pool (Prisma's query pipeline
 * costs several times the query itself here).
 */
async function loadActiveAgent(agentId: string, sessionVersion: number | undefined): Promise<SessionAgent | null> {
  if (!UUID.test(agentId)) return null;
  const { rows } = await pool.query<{
    id: string;
    account_id: string;
    name: string;
    email: string;
    role: AgentRole;
    active: boolean;
    session_version: number;
    timezone: string;
  }>(
    `SELECT a.id, a.account_id, a.name, a.email, a.role, a.active, a.session_version, acc.timezone
       FROM agents a JOIN accounts acc ON acc.id = a.account_id
      WHERE a.id = $1`,
    [agentId],
  );
  const agent = rows[0];
  if (!agent || !agent.active || agent.session_version !== sessionVersion) return null;
  return toSessionAgent(
    { id: agent.id, accountId: agent.account_id, name: agent.name, email: agent.email, role: agent.role, sessionVersion: agent.session_version },
    agent.timezone,
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function hasRole(agent: SessionAgent, roles: readonly AgentRole[] | undefined): boolean {
  return !roles || roles.includes(agent.role);
}

/** For route handlers: throws 401 / 403 as AppError. */
export async function requireAgent(roles?: readonly AgentRole[]): Promise<SessionAgent> {
  const agent = await currentAgent();
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
