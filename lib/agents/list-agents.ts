import "server-only";
import { db } from "@/lib/db";
import { agentSummarySelect, toAgentSummary, type AgentSummary } from "./agent-summary";

export async function listAgents({ accountId }: { accountId: string }): Promise<AgentSummary[]> {
  const rows = await db.agent.findMany({
    where: { accountId },
    select: agentSummarySelect,
    orderBy: [{ active: "desc" }, { name: "asc" }],
  });
  return rows.map(toAgentSummary);
}
