import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";
import { publishRealtime } from "@/lib/realtime/publish";
import { notificationContent, type AdminNotificationKind } from "./notification-content";

export interface AdminNotice {
  channelId: string;
  kind: AdminNotificationKind;
  /** Meta's code/subcode/fbtrace_id, counts: shown in the body where relevant and kept for support. */
  code?: number | null;
  subcode?: number | null;
  fbtraceId?: string | null;
  found?: number;
  /** More context kept with the notification (message id, conversation id). */
  extra?: Record<string, string | number | null>;
}

/**
 * Notifies every active admin of the channel's account: one row per admin (each reads their own), audited
 * (`admin.notified`) and published to admins' open browsers (`admin.notification`), in the caller's
 * transaction when given one — the notice exists if and only if the change that caused it committed. An
 * unread notice of the same kind about the same channel is repeated (counted, reworded, moved to the top)
 * rather than duplicated, so a flapping channel cannot bury the bell.
 */
export async function notifyAdmins(notice: AdminNotice, client?: Tx): Promise<void> {
  const run = async (tx: Tx) => {
    const channel = await tx.channel.findUnique({ where: { id: notice.channelId }, select: { accountId: true, name: true, platform: true } });
    if (!channel) return;
    // One notifier at a time per (channel, kind): two concurrent events repeat one notice instead of adding two.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`admin_notification:${notice.channelId}:${notice.kind}`}))`;
    const { title, body } = notificationContent(notice.kind, { channelName: channel.name, platform: channel.platform, ...notice });
    const data = { code: notice.code ?? null, subcode: notice.subcode ?? null, fbtraceId: notice.fbtraceId ?? null, found: notice.found ?? null, ...notice.extra } as Prisma.InputJsonObject;
    const repeated = await tx.$queryRaw<{ id: string; agent_id: string }[]>`
      UPDATE admin_notifications
         SET occurrences = occurrences + 1, last_occurred_at = now(), title = ${title}, body = ${body}, data = ${JSON.stringify(data)}::jsonb
       WHERE channel_id = ${notice.channelId}::uuid AND kind = ${notice.kind} AND read_at IS NULL
       RETURNING id::text, agent_id::text`;
    const created = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO admin_notifications (account_id, agent_id, channel_id, kind, title, body, data)
      SELECT a.account_id, a.id, ${notice.channelId}::uuid, ${notice.kind}, ${title}, ${body}, ${JSON.stringify(data)}::jsonb
        FROM agents a
       WHERE a.account_id = ${channel.accountId}::uuid AND a.role = 'ADMIN' AND a.active
         AND NOT (a.id = ANY(${repeated.map((r) => r.agent_id)}::uuid[]))
      RETURNING id::text`;
    const ids = [...repeated.map((r) => r.id), ...created.map((r) => r.id)];
    await recordAuditEvent(
      { accountId: channel.accountId, type: "admin.notified", data: { kind: notice.kind, channelId: notice.channelId, notificationIds: ids, repeated: repeated.length, created: created.length } },
      tx,
    );
    await publishRealtime([{ type: "admin.notification", accountId: channel.accountId, channelId: notice.channelId, notificationKind: notice.kind }], tx);
    logger.info("admins notified", { channelId: notice.channelId, kind: notice.kind, admins: ids.length });
  };
  if (client) await run(client);
  else await db.$transaction(run);
}
