import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { publishRealtime } from "@/lib/realtime/publish";
import type { UpdateAgentInput } from "@/lib/validations/agents";
import { agentSummarySelect, toAgentSummary, type AgentSummary } from "./agent-summary";

/**
 * Changes an agent's name, role, active flag or password. Role, active and password changes bump the
 * session version, which signs the agent out everywhere on their next request. The last active admin of an
 * account cannot be demoted or deactivated (nobody could undo it).
 */
export async function updateAgent({
  accountId,
  actorId,
  agentId,
  input,
}: {
  accountId: string;
  actorId: string | null;
  agentId: string;
  input: UpdateAgentInput;
}): Promise<AgentSummary> {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return db.$transaction(async (tx) => {
    // Lock the account's admins so two concurrent demotions cannot both pass the "last admin" check.
    await tx.$queryRaw`SELECT id FROM agents WHERE account_id = ${accountId}::uuid AND role = 'ADMIN' FOR UPDATE`;
    const current = await tx.agent.findFirst({ where: { id: agentId, accountId }, select: { role: true, active: true } });
    if (!current) throw AppError.notFound("Agent");

    const losesAdmin = current.role === "ADMIN" && current.active && (input.active === false || (input.role && input.role !== "ADMIN"));
    if (losesAdmin) {
      const activeAdmins = await tx.agent.count({ where: { accountId, role: "ADMIN", active: true } });
      if (activeAdmins <= 1) throw AppError.conflict("This is the last active admin of the account; make someone else an admin first.");
    }

    const signsOut =
      (input.role !== undefined && input.role !== current.role) ||
      (input.active !== undefined && input.active !== current.active) ||
      passwordHash !== undefined;
    const agent = await tx.agent.update({
      where: { id: agentId },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...(passwordHash ? { passwordHash } : {}),
        ...(signsOut ? { sessionVersion: { increment: 1 } } : {}),
      },
      select: agentSummarySelect,
    });
    const changes: Record<string, string | boolean> = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.role !== undefined) changes.role = input.role;
    if (input.active !== undefined) changes.active = input.active;
    if (passwordHash) changes.password = "changed";
    await recordAuditEvent({ accountId, actorId, type: "agent.updated", data: { agentId, changes } }, tx);
    // The agent's open pages learn at once that they were signed out (and why), rather than at their next request.
    if (signsOut) await publishRealtime([{ type: "access.changed", accountId, agentId }], tx);
    return toAgentSummary(agent);
  });
}
