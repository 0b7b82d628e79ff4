import "server-only";
import type { SessionAgent } from "@/lib/auth/session";
import { pool } from "@/lib/db";

/**
 * The channels an agent may see: managers and admins see every channel of their account (returns null =
 * "no channel restriction beyond the account"), agents only the channels they are members of.
 */
export async function accessibleChannelIds(agent: SessionAgent): Promise<string[] | null> {
  if (agent.role !== "AGENT") return null;
  // Once per agent request: plain SQL on the pool (see loadActiveAgent in lib/auth/session.ts).
  const { rows } = await pool.query<{ channel_id: string }>(
    `SELECT pm.channel_id FROM page_memberships pm JOIN channels c ON c.id = pm.channel_id
      WHERE pm.agent_id = $1 AND c.account_id = $2`,
    [agent.id, agent.accountId],
  );
  return rows.map((r) => r.channel_id);
}

/** Prisma filter for rows of an account restricted to the agent's channels. */
export async function channelScopeFilter(agent: SessionAgent): Promise<{ accountId: string; channelId?: { in: string[] } }> {
  const ids = await accessibleChannelIds(agent);
  return ids === null ? { accountId: agent.accountId } : { accountId: agent.accountId, channelId: { in: ids } };
}
