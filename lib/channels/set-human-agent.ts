import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { publishRealtime } from "@/lib/realtime/publish";

/**
 * Whether the app holds Meta's Human Agent feature for a channel (HUMAN_AGENT replies between 24 h and 7 days).
 * Meta offers no API to read it: an admin sets it, and the send path turns it off when Meta refuses the tag.
 */
export async function setHumanAgent({ actor, channelId, enabled }: { actor: SessionAgent; channelId: string; enabled: boolean }): Promise<void> {
  await db.$transaction(async (tx) => {
    const channel = await tx.channel.findFirst({ where: { id: channelId, accountId: actor.accountId, disconnectedAt: null }, select: { humanAgentEnabled: true } });
    if (!channel) throw AppError.notFound("Channel");
    if (channel.humanAgentEnabled === enabled) return;
    await tx.channel.update({ where: { id: channelId }, data: { humanAgentEnabled: enabled } });
    await recordAuditEvent({ accountId: actor.accountId, actorId: actor.id, type: "channel.human_agent_set", data: { channelId, enabled } }, tx);
    await publishRealtime([{ type: "channel.updated", accountId: actor.accountId, channelId }], tx);
  });
}
