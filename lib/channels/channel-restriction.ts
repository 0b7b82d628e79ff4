import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type SqlClient } from "@/lib/db";
import { logger } from "@/lib/logger";
import type { GraphApiError } from "@/lib/meta/graph-error";
import { notifyAdmins } from "@/lib/notifications/notify-admins";
import { publishRealtime } from "@/lib/realtime/publish";

/**
 * Meta refused a send because it restricted the Page or business (10/1893063, 368, 2022, 100/2534029): the
 * channel shows "restricted by Meta" and its admins are notified — once per restriction, audited. Sends are
 * not stopped by us (Meta lifts restrictions without telling apps): the next send that goes through clears
 * the mark (clearChannelRestriction).
 */
export async function markChannelRestricted(channelId: string, messageId: string, error: GraphApiError): Promise<void> {
  const restrictionError = `${error.message}${error.fbtraceId ? ` (fbtrace_id ${error.fbtraceId})` : ""}`;
  await db.$transaction(async (tx) => {
    const [channel] = await tx.$queryRaw<{ account_id: string; restricted_at: Date | null }[]>`
      SELECT account_id, restricted_at FROM channels WHERE id = ${channelId}::uuid FOR UPDATE`;
    if (!channel) return;
    await tx.channel.update({ where: { id: channelId }, data: { restrictedAt: channel.restricted_at ?? new Date(), restrictionError } });
    if (channel.restricted_at) return;
    await recordAuditEvent(
      { accountId: channel.account_id, type: "channel.restricted", data: { channelId, messageId, code: error.code, subcode: error.subcode, fbtraceId: error.fbtraceId } },
      tx,
    );
    await notifyAdmins({ channelId, kind: "channel.restricted", code: error.code, subcode: error.subcode, fbtraceId: error.fbtraceId, extra: { messageId } }, tx);
    await publishRealtime([{ type: "channel.updated", accountId: channel.account_id, channelId }], tx);
  });
  logger.warn("channel restricted by Meta", { channelId, code: error.code, subcode: error.subcode, fbtraceId: error.fbtraceId });
}

/** A send went through: whatever restriction the channel had is lifted (audited, published). Cheap when none. */
export async function clearChannelRestriction(tx: SqlClient, channelId: string, messageId: string): Promise<void> {
  const cleared = await tx.$queryRaw<{ account_id: string }[]>`
    UPDATE channels SET restricted_at = NULL, restriction_error = NULL, updated_at = now()
     WHERE id = ${channelId}::uuid AND restricted_at IS NOT NULL
    RETURNING account_id::text`;
  const [channel] = cleared;
  if (!channel) return;
  await recordAuditEvent({ accountId: channel.account_id, type: "channel.restriction_lifted", data: { channelId, messageId } }, tx);
  await publishRealtime([{ type: "channel.updated", accountId: channel.account_id, channelId }], tx);
}
