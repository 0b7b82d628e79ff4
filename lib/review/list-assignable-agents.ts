import "server-only";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { assertReviewer } from "./assert-reviewer";

export interface AssignableAgent {
  id: string;
  name: string;
  role: "AGENT" | "MANAGER" | "ADMIN";
}

/**
 * Who a manager may hand a conversation on `channelId` to: active managers and admins, and active agents
 * who work that channel (the same rule assignConversation enforces).
 */
export async function listAssignableAgents({ agent, channelId }: { agent: SessionAgent; channelId: string }): Promise<AssignableAgent[]> {
  assertReviewer(agent);
  return db.agent.findMany({
    where: {
      accountId: agent.accountId,
      active: true,
      OR: [{ role: { in: ["MANAGER", "ADMIN"] } }, { memberships: { some: { channelId, channel: { accountId: agent.accountId } } } }],
    },
    select: { id: true, name: true, role: true },
    orderBy: { name: "asc" },
  });
}
