import "server-only";
import type { SqlClient } from "@/lib/db";
import { enqueueJobs } from "@/lib/jobs/enqueue-job";
import { AUTO_REPLY_QUEUE, type AutoReplyPayload } from "./auto-reply-queue";

/**
 * For the webhook batch: new messages from people, in accounts whose out-of-hours auto-reply is on, get one
 * job per conversation — the decision and the send happen after the batch commits (sending inside the
 * batch's transaction would hold its locks across a Meta call). A job already queued for the conversation
 * covers a second message of the same burst. One query for the whole batch; nothing when no account has it on.
 */
export async function enqueueOutOfHoursReplies(tx: SqlClient, arrivals: (AutoReplyPayload & { accountId: string })[]): Promise<void> {
  if (arrivals.length === 0) return;
  const accountIds = [...new Set(arrivals.map((a) => a.accountId))];
  const enabled = await tx.$queryRaw<{ account_id: string }[]>`
    SELECT account_id::text FROM business_hours WHERE account_id = ANY(${accountIds}::uuid[]) AND auto_reply_enabled`;
  if (enabled.length === 0) return;
  const on = new Set(enabled.map((r) => r.account_id));
  const perConversation = new Map<string, AutoReplyPayload>();
  for (const a of arrivals) if (on.has(a.accountId)) perConversation.set(a.conversationId, { conversationId: a.conversationId, messageId: a.messageId });
  await enqueueJobs(
    [...perConversation.values()].map((payload) => ({ queue: AUTO_REPLY_QUEUE, payload: { ...payload }, singletonKey: payload.conversationId })),
    tx,
  );
}
