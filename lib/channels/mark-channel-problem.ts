import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { GraphApiError } from "@/lib/meta/graph-error";
import { publishRealtime } from "@/lib/realtime/publish";
import { logger } from "@/lib/logger";
import { notifyAdmins } from "@/lib/notifications/notify-admins";

/**
 * Records that Meta refused a channel's token (190/102/492 → NEEDS_RECONNECT) or its permissions
 * (MISCONFIGURED), so admins see it on the Channels page and sends stop trying; the account's admins are
 * notified when the status changes. Idempotent.
 */
export async function markChannelProblem(channelId: string, error: GraphApiError, problem: "token" | "permissions"): Promise<void> {
  const status = problem === "token" ? "NEEDS_RECONNECT" : "MISCONFIGURED";
  await db.$transaction(async (tx) => {
    const channel = await tx.channel.findUnique({ where: { id: channelId }, select: { accountId: true, tokenStatus: true } });
    if (!channel) return;
    await tx.channel.update({
      where: { id: channelId },
      data: { tokenStatus: status, tokenError: `${error.message}${error.fbtraceId ? ` (fbtrace_id ${error.fbtraceId})` : ""}`, tokenCheckedAt: new Date() },
    });
    if (channel.tokenStatus === status) return;
    await recordAuditEvent(
      { accountId: channel.accountId, type: "channel.token_invalid", data: { channelId, code: error.code, subcode: error.subcode, fbtraceId: error.fbtraceId } },
      tx,
    );
    await notifyAdmins(
      { channelId, kind: problem === "token" ? "channel.needs_reconnect" : "channel.misconfigured", code: error.code, subcode: error.subcode, fbtraceId: error.fbtraceId },
      tx,
    );
    await publishRealtime([{ type: "channel.updated", accountId: channel.accountId, channelId }], tx);
  });
  logger.warn("channel problem recorded", { channelId, status, code: error.code, subcode: error.subcode, fbtraceId: error.fbtraceId });
}
