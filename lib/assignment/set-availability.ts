import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { Availability } from "@/lib/validations/assignment";

/**
 * The agent's presence: ONLINE agents receive new conversations of channels with automatic assignment; AWAY and
 * OFFLINE agents keep the conversations they have, and new ones skip them. Audited when it changes.
 */
export async function setAvailability({ agent, status }: { agent: SessionAgent; status: Availability }): Promise<{ status: Availability }> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.agent.updateMany({
      where: { id: agent.id, accountId: agent.accountId, availability: { not: status } },
      data: { availability: status, availabilityChangedAt: new Date() },
    });
    if (count > 0) await recordAuditEvent({ accountId: agent.accountId, actorId: agent.id, type: "agent.availability_set", data: { agentId: agent.id, status } }, tx);
  });
  return { status };
}

export async function getAvailability(agent: Pick<SessionAgent, "id">): Promise<Availability> {
  const row = await db.agent.findUnique({ where: { id: agent.id }, select: { availability: true } });
  return row?.availability ?? "OFFLINE";
}
