import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { publishRealtime } from "@/lib/realtime/publish";

/**
 * Meta refused a HUMAN_AGENT send because the app lacks the Human Agent feature for this channel: the
 * channel stops offering the tag (the policy then blocks replies after 24 h instead of letting Meta
 * refuse them), audited once, and every open inbox hears of it. An admin turns it back on after App Review.
 */
export async function revokeHumanAgent(
  channelId: string,
  refusal: { messageId: string; code: number; subcode: number | null; fbtraceId: string | null },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const [channel] = await tx.$queryRaw<{ account_id: string; human_agent_enabled: boolean }[]>`
      SELECT account_id, human_agent_enabled FROM channels WHERE id = ${channelId}::uuid FOR UPDATE`;
    if (!channel?.human_agent_enabled) return;
    await tx.channel.update({ where: { id: channelId }, data: { humanAgentEnabled: false } });
    await recordAuditEvent(
      {
        accountId: channel.account_id,
        type: "channel.human_agent_revoked",
        data: { channelId, ...refusal },
      },
      tx,
    );
    await publishRealtime([{ type: "channel.updated", accountId: channel.account_id, channelId }], tx);
  });
  logger.warn("Human Agent feature refused by Meta: turned off for the channel", { channelId, ...refusal });
}
