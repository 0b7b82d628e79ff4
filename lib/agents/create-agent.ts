import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CreateAgentInput } from "@/lib/validations/agents";
import { agentSummarySelect, toAgentSummary, type AgentSummary } from "./agent-summary";
import { assertChannelsInAccount } from "./assert-channels-in-account";

export async function createAgent({
  accountId,
  actorId,
  input,
}: {
  accountId: string;
  actorId: string | null;
  input: CreateAgentInput;
}): Promise<AgentSummary> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      await assertChannelsInAccount(tx, accountId, input.channelIds);
      const agent = await tx.agent.create({
        data: {
          accountId,
          name: input.name,
          email: input.email,
          role: input.role,
          passwordHash,
          memberships: { create: [...new Set(input.channelIds)].map((channelId) => ({ channelId })) },
        },
        select: agentSummarySelect,
      });
      await recordAuditEvent(
        {
          accountId,
          actorId,
          type: "agent.created",
          data: { agentId: agent.id, email: agent.email, role: agent.role, channelIds: input.channelIds },
        },
        tx,
      );
      return toAgentSummary(agent);
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw AppError.conflict("An agent with this email already exists.", { field: "email" });
    }
    throw error;
  }
}
