import "server-only";
import type { SessionAgent } from "@/lib/auth/session";
import { pool } from "@/lib/db";
import { preferencesOf, type AgentPreferences } from "@/lib/validations/preferences";

/** The signed-in agent's own settings (lib/validations/preferences.ts): stored per agent, so they follow them to any browser. */
export async function getAgentPreferences(agent: SessionAgent): Promise<AgentPreferences> {
  const { rows } = await pool.query<{ preferences: unknown }>(`SELECT preferences FROM agents WHERE id = $1`, [agent.id]);
  return preferencesOf(rows[0]?.preferences);
}

/** Merges a validated patch in one statement (two tabs changing different settings both keep their change). */
export async function updateAgentPreferences(agent: SessionAgent, patch: Partial<AgentPreferences>): Promise<AgentPreferences> {
  const { rows } = await pool.query<{ preferences: unknown }>(
    `UPDATE agents SET preferences = COALESCE(preferences, '{}'::jsonb) || $2::jsonb, updated_at = now() WHERE id = $1 RETURNING preferences`,
    [agent.id, JSON.stringify(patch)],
  );
  return preferencesOf(rows[0]?.preferences);
}
