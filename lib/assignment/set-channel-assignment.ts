import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ChannelAssignmentInput } from "@/lib/validations/assignment";

/** An admin sets how a channel's new conversations are assigned (OFF, ROUND_ROBIN, LEAST_OPEN) and the per-agent capacity. */
export async function setChannelAssignment({ actor, channelId, input }: { actor: SessionAgent; channelId: string; input: ChannelAssignmentInput }) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.channel.updateMany({
      where: { id: channelId, accountId: actor.accountId },
      data: { assignmentMode: input.mode, assignmentCapacity: input.capacity ?? null },
    });
    if (count === 0) throw AppError.notFound("Channel");
    await recordAuditEvent(
      { accountId: actor.accountId, actorId: actor.id, type: "channel.assignment_set", data: { channelId, mode: input.mode, capacity: input.capacity ?? null } },
      tx,
    );
    return { channelId, mode: input.mode, capacity: input.capacity ?? null };
  });
}
