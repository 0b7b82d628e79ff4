import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SqlClient } from "@/lib/db";
import { chooseAssignee, type AssignmentMode } from "./choose-assignee";

export interface NewConversation {
  conversationId: string;
  channelId: string;
  accountId: string;
}

/** Key space of the assignment advisory locks (the second key is the account's hash). */
const ASSIGNMENT_LOCK_CLASS = 8214;

/**
 * Assigns conversations a webhook batch just created, on channels with automatic assignment, inside the
 * batch's transaction. Decided in Postgres so it holds across concurrent batches and app instances: a
 * transaction-scoped advisory lock per account serialises the decisions (capacity counts every channel of the
 * account, so one lock per account, taken in account order), the counts are read under it, and the
 * conversation is only taken while it has no owner (`assignee_id IS NULL`) — never two owners. Candidates:
 * active agents who work the channel (membership) and are ONLINE, under the channel's capacity. Audited as
 * `conversation.assigned` with `auto` (no actor); the batch publishes the conversation's update.
 */
export async function autoAssignNewConversations(tx: SqlClient, created: NewConversation[]): Promise<void> {
  if (created.length === 0) return;
  const channelIds = [...new Set(created.map((c) => c.channelId))];
  const channels = await tx.$queryRaw<{ id: string; account_id: string; assignment_mode: AssignmentMode; assignment_capacity: number | null }[]>`
    SELECT id, account_id, assignment_mode::text AS assignment_mode, assignment_capacity FROM channels
     WHERE id = ANY(${channelIds}::uuid[]) AND assignment_mode <> 'OFF'`;
  if (channels.length === 0) return;
  for (const accountId of [...new Set(channels.map((c) => c.account_id))].sort()) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ASSIGNMENT_LOCK_CLASS}::int, hashtext(${accountId}))`;
  }
  for (const channel of channels.sort((a, b) => (a.id < b.id ? -1 : 1))) {
    // Read under the lock: the last assignee of this channel and every candidate's current load.
    const [state] = await tx.$queryRaw<{ last: string | null }[]>`SELECT assignment_last_agent_id AS last FROM channels WHERE id = ${channel.id}::uuid`;
    const candidates = await tx.$queryRaw<{ id: string; open_count: number }[]>`
      SELECT a.id, (SELECT count(*)::int FROM conversations c WHERE c.account_id = a.account_id AND c.assignee_id = a.id AND c.status IN ('OPEN', 'PENDING')) AS open_count
        FROM page_memberships pm JOIN agents a ON a.id = pm.agent_id
       WHERE pm.channel_id = ${channel.id}::uuid AND a.account_id = ${channel.account_id}::uuid AND a.active AND a.availability = 'ONLINE'`;
    const load = candidates.map((c) => ({ id: c.id, openCount: c.open_count }));
    let last = state?.last ?? null;
    for (const conversation of created.filter((c) => c.channelId === channel.id).sort((a, b) => (a.conversationId < b.conversationId ? -1 : 1))) {
      const assigneeId = chooseAssignee({ mode: channel.assignment_mode, candidates: load, capacity: channel.assignment_capacity, lastAssignedId: last });
      if (!assigneeId) break;
      const taken = await tx.$executeRaw`UPDATE conversations SET assignee_id = ${assigneeId}::uuid, updated_at = now() WHERE id = ${conversation.conversationId}::uuid AND assignee_id IS NULL`;
      if (taken === 0) continue;
      last = assigneeId;
      load.find((c) => c.id === assigneeId)!.openCount++;
      await recordAuditEvent(
        { accountId: channel.account_id, conversationId: conversation.conversationId, type: "conversation.assigned", data: { from: null, to: assigneeId, auto: channel.assignment_mode as "ROUND_ROBIN" | "LEAST_OPEN" } },
        tx,
      );
    }
    if (last !== (state?.last ?? null)) await tx.$executeRaw`UPDATE channels SET assignment_last_agent_id = ${last}::uuid WHERE id = ${channel.id}::uuid`;
  }
}
