import "server-only";
import type { Tx } from "@/lib/db";
import { db } from "@/lib/db";

/** Messages reconciliation inserted that no webhook had delivered (in the import's transaction). */
export async function recordDeliveryGaps(tx: Tx, channelId: string, messages: { messageId: string; sentAt: Date }[]): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO delivery_gaps (channel_id, message_id, message_sent_at)
    SELECT ${channelId}::uuid, m.id, m.sent_at FROM unnest(${messages.map((m) => m.messageId)}::uuid[], ${messages.map((m) => m.sentAt)}::timestamptz[]) AS m(id, sent_at)
    ON CONFLICT (message_id) DO NOTHING`;
}

/** Delivery gaps are counted over this many days (`deliveryGaps` of GET /api/admin/channels, the health page). */
export const DELIVERY_GAP_WINDOW_DAYS = 7;

export interface DeliveryGapSummary {
  /** Messages found without a webhook in the last 7 days. */
  count: number;
  /** When reconciliation last found one (ever), ISO. */
  lastAt: string | null;
}

/** Per channel: gaps of the last 7 days and the time of the latest one. */
export async function deliveryGapSummaries(channelIds: string[], now = new Date()): Promise<Map<string, DeliveryGapSummary>> {
  if (channelIds.length === 0) return new Map();
  const since = new Date(now.getTime() - DELIVERY_GAP_WINDOW_DAYS * 86_400_000);
  const rows = await db.$queryRaw<{ channel_id: string; count: number; last_at: Date | null }[]>`
    SELECT channel_id::text, (count(*) FILTER (WHERE found_at >= ${since}))::int AS count, max(found_at) AS last_at
      FROM delivery_gaps WHERE channel_id = ANY(${channelIds}::uuid[]) GROUP BY channel_id`;
  return new Map(rows.map((r) => [r.channel_id, { count: r.count, lastAt: r.last_at?.toISOString() ?? null }]));
}

/** The newest gap recorded for a channel so far: a reconciliation pass counts what it adds after this mark. */
export async function deliveryGapMark(channelId: string): Promise<bigint> {
  const newest = await db.deliveryGap.findFirst({ where: { channelId }, orderBy: { id: "desc" }, select: { id: true } });
  return newest?.id ?? BigInt(0);
}

/** Gaps recorded for a channel after a mark (ids, not clocks: the database's and ours may differ). */
export async function countDeliveryGapsAfter(channelId: string, mark: bigint): Promise<number> {
  return db.deliveryGap.count({ where: { channelId, id: { gt: mark } } });
}
