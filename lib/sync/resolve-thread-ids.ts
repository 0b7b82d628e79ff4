import "server-only";
import { db } from "@/lib/db";
import type { JobContext } from "@/lib/jobs/job-worker";
import { CONVERSATIONS_PAGE_SIZE } from "@/lib/meta/conversation-fields";
import { findConversationByUser } from "@/lib/meta/find-conversation-by-user";
import type { GraphClient, GraphList } from "@/lib/meta/graph-client";
import type { GraphConversation } from "@/lib/meta/graph-types";
import { conversationsGraph } from "@/lib/meta/graph";
import { parseMetaTime } from "@/lib/meta/meta-time";
import { publishRealtime } from "@/lib/realtime/publish";
import { channelGraphAccess, recordChannelGraphProblem, type ChannelGraphAccess } from "./channel-graph-access";
import type { ChannelJobPayload } from "./sync-queues";

/** Conversations created this long ago without a thread id are left to the reconciliation (participants). */
const LOOKUP_WINDOW_MS = 24 * 3_600_000;
/** Meta's `updated_time` and our clock differ; a thread may also be listed a little before its first webhook. */
const CLOCK_MARGIN_MS = 10 * 60_000;
const PENDING_PER_RUN = 1_000;
/** At most this many list calls per run (200 × 25 threads); whoever is left gets a `user_id` lookup. */
const MAX_LIST_PAGES = 200;

interface Pending {
  id: string;
  platform_user_id: string;
  created_at: Date;
}

/**
 * Job handler of `sync.resolve-threads` (one per channel): Meta's thread id (`t_…`) for conversations a webhook
 * created — webhooks name the person, never the thread. The Conversations API allows 2 calls/s per Page, so
 * this trails the profiles, batched the way Graph allows: the newest threads are listed 25 per call with their
 * participants (a burst of new people is at the top of that list: 2,000 people in 80 calls instead of 2,000),
 * and only those not found there get a `user_id` lookup each.
 */
export async function resolveThreadIds({ payload, signal }: JobContext<ChannelJobPayload>, injectedGraph?: GraphClient): Promise<void> {
  const access = await channelGraphAccess(payload.channelId);
  if (!access) return;
  const graph = injectedGraph ?? conversationsGraph(access.connection);
  const tried = new Set<string>();
  for (;;) {
    const pending = (
      await db.$queryRaw<Pending[]>`
        SELECT v.id::text, c.platform_user_id, v.created_at
          FROM conversations v JOIN contacts c ON c.id = v.contact_id
         WHERE v.channel_id = ${payload.channelId}::uuid AND v.meta_thread_id IS NULL AND c.platform_user_id NOT LIKE 'user\\_ref:%'
           AND v.created_at > ${new Date(Date.now() - LOOKUP_WINDOW_MS)}
         ORDER BY v.created_at, v.id LIMIT ${PENDING_PER_RUN}`
    ).filter((p) => !tried.has(p.id));
    if (pending.length === 0) return;
    for (const p of pending) tried.add(p.id);
    try {
      const left = await findInNewestThreads(graph, access, pending, signal);
      for (const conversation of left) {
        if (signal.aborted) throw new Error("worker stopping; the job resumes where it stopped");
        const threadId = await findConversationByUser(graph, { pageId: access.channel.pageMetaId, platform: access.platform, userId: conversation.platform_user_id, token: access.token, owner: access.owner });
        if (threadId) await storeThreadIds(access, [{ conversationId: conversation.id, threadId }]);
      }
    } catch (error) {
      if (await recordChannelGraphProblem(payload.channelId, error)) return;
      throw error;
    }
  }
}

/**
 * Pages through the newest threads until every pending person is found, the list reaches threads last updated
 * before the oldest pending conversation began (a margin for clocks), or MAX_LIST_PAGES.
 */
async function findInNewestThreads(graph: GraphClient, access: ChannelGraphAccess, pending: Pending[], signal: AbortSignal): Promise<Pending[]> {
  const waiting = new Map(pending.map((p) => [p.platform_user_id, p]));
  const oldest = Math.min(...pending.map((p) => p.created_at.getTime())) - CLOCK_MARGIN_MS;
  let after: string | null = null;
  for (let page = 0; page < MAX_LIST_PAGES && waiting.size > 0; page++) {
    if (signal.aborted) throw new Error("worker stopping; the job resumes where it stopped");
    const list: GraphList<GraphConversation> = await graph.get(`${access.channel.pageMetaId}/conversations`, {
      token: access.token,
      owner: access.owner,
      params: { platform: access.platform, fields: "id,updated_time,participants", limit: CONVERSATIONS_PAGE_SIZE, ...(after ? { after } : {}) },
    });
    const found: { conversationId: string; threadId: string }[] = [];
    for (const thread of list.data) {
      for (const participant of thread.participants?.data ?? []) {
        const conversation = waiting.get(participant.id);
        if (!conversation || participant.id === access.channel.metaId) continue;
        found.push({ conversationId: conversation.id, threadId: thread.id });
        waiting.delete(participant.id);
      }
    }
    await storeThreadIds(access, found);
    const last = list.data.at(-1);
    const lastUpdated = last ? parseMetaTime(last.updated_time)?.getTime() ?? null : null;
    after = list.paging?.next ? (list.paging.cursors?.after ?? null) : null;
    if (!after || (lastUpdated !== null && lastUpdated < oldest)) break;
  }
  return [...waiting.values()];
}

async function storeThreadIds(access: ChannelGraphAccess, found: { conversationId: string; threadId: string }[]): Promise<void> {
  if (found.length === 0) return;
  await db.$transaction(async (tx) => {
    // Never a thread id another conversation of the channel already has (the unique index would refuse it).
    const updated = await tx.$queryRaw<{ id: string }[]>`
      UPDATE conversations c SET meta_thread_id = t.thread_id, updated_at = now()
        FROM unnest(${found.map((f) => f.conversationId)}::uuid[], ${found.map((f) => f.threadId)}::text[]) AS t(id, thread_id)
       WHERE c.id = t.id AND c.meta_thread_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM conversations o WHERE o.channel_id = c.channel_id AND o.meta_thread_id = t.thread_id)
      RETURNING c.id::text`;
    await publishRealtime(
      updated.map((u) => ({ type: "conversation.updated" as const, accountId: access.channel.accountId, channelId: access.channel.id, conversationId: u.id })),
      tx,
    );
  });
}
