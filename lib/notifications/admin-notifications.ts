import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { listAdminChannels } from "@/lib/channels/list-admin-channels";
import { attentionSummary, type AttentionProblem } from "@/lib/health/channel-attention";

export interface AdminNotificationView {
  id: string;
  kind: string;
  channelId: string | null;
  title: string;
  body: string;
  occurrences: number;
  createdAt: string;
  lastOccurredAt: string;
  readAt: string | null;
}

export interface AdminNotificationsView {
  unreadCount: number;
  notifications: AdminNotificationView[];
  /** The account summary of the header: channels with problems now, whatever was read. */
  attention: { summary: string; channels: { id: string; name: string; platform: "MESSENGER" | "INSTAGRAM"; problems: AttentionProblem[] }[] };
}

/** An admin's latest notifications (unread first), their unread count and the channels that need attention. */
export async function listAdminNotifications(agent: SessionAgent, limit = 30): Promise<AdminNotificationsView> {
  const [rows, unreadCount, channels] = await Promise.all([
    db.adminNotification.findMany({
      where: { agentId: agent.id },
      orderBy: [{ readAt: { sort: "desc", nulls: "first" } }, { lastOccurredAt: "desc" }],
      take: limit,
      select: { id: true, kind: true, channelId: true, title: true, body: true, occurrences: true, createdAt: true, lastOccurredAt: true, readAt: true },
    }),
    db.adminNotification.count({ where: { agentId: agent.id, readAt: null } }),
    listAdminChannels(agent.accountId),
  ]);
  const needing = channels.filter((c) => c.attention.length > 0).map((c) => ({ id: c.id, name: c.name, platform: c.platform, problems: c.attention }));
  return {
    unreadCount,
    notifications: rows.map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      lastOccurredAt: r.lastOccurredAt.toISOString(),
      readAt: r.readAt?.toISOString() ?? null,
    })),
    attention: { summary: attentionSummary(needing.length), channels: needing },
  };
}

/** Marks the admin's own notifications read (others' ids are ignored); audited. Returns how many changed. */
export async function markAdminNotificationsRead(agent: SessionAgent, which: { ids: string[] } | { all: true }): Promise<number> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE admin_notifications SET read_at = now()
       WHERE agent_id = ${agent.id}::uuid AND read_at IS NULL
         AND (${"all" in which} OR id = ANY(${"ids" in which ? which.ids : []}::uuid[]))
      RETURNING id::text`;
    if (rows.length > 0) {
      await recordAuditEvent({ accountId: agent.accountId, actorId: agent.id, type: "admin.notifications_read", data: { notificationIds: rows.map((r) => r.id) } }, tx);
    }
    return rows.length;
  });
}
