// The signed-in agent as every server module sees it, and its one mapper. Pure (no Next, no next-auth), so
// scripts can build one too.
import type { AgentRole } from "@/lib/generated/prisma/client";

export interface SessionAgent {
  id: string;
  accountId: string;
  name: string;
  email: string;
  role: AgentRole;
  timezone: string;
  /** The session version the agent signed in with (see Agent.sessionVersion). */
  sessionVersion: number;
  /** The browser session (row of `sessions`) this request came with; absent for agents built by scripts. */
  sessionId?: string;
}

export function toSessionAgent(
  agent: Pick<SessionAgent, "id" | "accountId" | "name" | "email" | "role" | "sessionVersion">,
  timezone: string,
): SessionAgent {
  return {
    id: agent.id,
    accountId: agent.accountId,
    name: agent.name,
    email: agent.email,
    role: agent.role,
    timezone,
    sessionVersion: agent.sessionVersion,
  };
}
