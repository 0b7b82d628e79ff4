import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { publishRealtime } from "@/lib/realtime/publish";

/**
 * Snoozed conversations whose time has come go back to OPEN (and so to Mine / Unassigned), audited with no
 * actor and published. Run once a minute by the periodic job "conversations.wake-snoozed"
 * (lib/jobs/periodic-jobs.ts). Uses conversations_snoozed_until_idx; `FOR UPDATE SKIP LOCKED` lets
 * concurrent callers share the work.
 */
export async function wakeSnoozedConversations({ now = new Date(), accountId, limit = 200 }: { now?: Date; accountId?: string; limit?: number } = {}): Promise<number> {
  return db.$transaction(async (tx) => {
    const due = await tx.$queryRaw<{ id: string; account_id: string; channel_id: string; snoozed_until: Date }[]>`
      SELECT id, account_id, channel_id, snoozed_until FROM conversations
       WHERE snoozed_until <= ${now} AND status = 'SNOOZED'
         AND (${accountId ?? null}::uuid IS NULL OR account_id = ${accountId ?? null}::uuid)
       ORDER BY snoozed_until
       LIMIT ${limit}
       FOR UPDATE SKIP LOCKED`;
    if (due.length === 0) return 0;
    await tx.conversation.updateMany({ where: { id: { in: due.map((c) => c.id) } }, data: { status: "OPEN", snoozedUntil: null } });
    for (const c of due) {
      await recordAuditEvent(
        {
          accountId: c.account_id,
          actorId: null,
          conversationId: c.id,
          type: "conversation.status_changed",
          data: { from: "SNOOZED", to: "OPEN", snoozedUntil: null },
        },
        tx,
      );
    }
    await publishRealtime(
      due.map((c) => ({ type: "conversation.updated" as const, accountId: c.account_id, channelId: c.channel_id, conversationId: c.id })),
      tx,
    );
    return due.length;
  });
}
