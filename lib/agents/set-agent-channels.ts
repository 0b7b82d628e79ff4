import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { publishRealtime } from "@/lib/realtime/publish";
import { agentSummarySelect, toAgentSummary, type AgentSummary } from "./agent-summary";
import { assertChannelsInAccount } from "./assert-channels-in-account";

/** Replaces the set of channels an agent works (published as `access.changed` to that agent's open pages). */
export async function setAgentChannels({
  accountId,
  actorId,
  agentId,
  channelIds,
}: {
  accountId: string;
  actorId: string | null;
  agentId: string;
  channelIds: string[];
}): Promise<AgentSummary> {
  const wanted = [...new Set(channelIds)];
  return db.$transaction(async (tx) => {
    const agent = await tx.agent.findFirst({ where: { id: agentId, accountId }, select: { id: true } });
    if (!agent) throw AppError.notFound("Agent");
    await assertChannelsInAccount(tx, accountId, wanted);
    await tx.pageMembership.deleteMany({ where: { agentId, channelId: { notIn: wanted } } });
    await tx.pageMembership.createMany({ data: wanted.map((channelId) => ({ agentId, channelId })), skipDuplicates: true });
    await recordAuditEvent({ accountId, actorId, type: "agent.channels_set", data: { agentId, channelIds: wanted } }, tx);
    // The agent's open inbox follows at once: their stream re-reads their channels and the inbox refetches.
    await publishRealtime([{ type: "access.changed", accountId, agentId }], tx);
    return toAgentSummary(await tx.agent.findUniqueOrThrow({ where: { id: agentId }, select: agentSummarySelect }));
  });
}
