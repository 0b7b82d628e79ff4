import "server-only";
import { db } from "@/lib/db";
import { fetchConversationPage } from "@/lib/meta/fetch-conversation-page";
import type { GraphClient, GraphList } from "@/lib/meta/graph-client";
import { GraphApiError } from "@/lib/meta/graph-error";
import type { GraphConversation } from "@/lib/meta/graph-types";
import { parseMetaTime } from "@/lib/meta/meta-time";
import type { ChannelGraphAccess } from "./channel-graph-access";
import { fetchOlderMessages } from "./fetch-older-messages";
import { importGraphConversation } from "./import-graph-conversation";
import { RealtimeBatch } from "./realtime-batch";

export class SyncInterrupted extends Error {
  override name = "SyncInterrupted";
  constructor() {
    super("sync interrupted (worker stopping); it resumes from its cursor");
  }
}

export interface SyncPassOptions {
  runId: string;
  access: ChannelGraphAccess;
  graph: GraphClient;
  kind: "backfill" | "reconcile";
  /** Reconciliation: only conversations Meta updated at or after this (Meta time); stop paging past it. */
  since: Date | null;
  signal?: AbortSignal;
}

export interface SyncPassResult {
  conversations: number;
  messagesInserted: number;
  graphCalls: number;
  /** Newest `updated_time` seen (Meta time): the next reconciliation's watermark. */
  newestUpdatedAt: Date | null;
}

/**
 * Reads a channel's conversations newest first, one page of 25 (with their messages) per Conversations API
 * call, and stores each page in one transaction together with the run's cursor — a run that dies resumes
 * after the last stored page, and re-reading a page changes nothing. The next page is requested while the
 * current one is being stored, so the pace is set by Meta's rate limit (the client's pacer), not by us.
 */
export async function runSyncPass(options: SyncPassOptions): Promise<SyncPassResult> {
  const { access, graph, runId } = options;
  const run = await db.syncRun.findUniqueOrThrow({ where: { id: runId }, select: { cursor: true, watermark: true } });
  // A backfill keeps the newest `updated_time` it saw in its run (across resumptions): it seeds the channel's
  // reconciliation watermark. A reconciliation's run records the watermark it started from instead.
  const result: SyncPassResult = { conversations: 0, messagesInserted: 0, graphCalls: 0, newestUpdatedAt: options.kind === "backfill" ? run.watermark : null };
  const pageRequest = { pageId: access.channel.pageMetaId, platform: access.platform, token: access.token, owner: access.owner };

  const fetchPage = (after: string | null) => {
    result.graphCalls++;
    return fetchConversationPage(graph, { ...pageRequest, after }).catch((error: unknown) => {
      // A cursor Meta no longer accepts (expired, or deeper than it allows): start over; imports are idempotent.
      if (after && error instanceof GraphApiError && error.code === 100 && /cursor/i.test(error.message)) {
        result.graphCalls++;
        return fetchConversationPage(graph, { ...pageRequest, after: null });
      }
      throw error;
    });
  };

  let pending: Promise<GraphList<GraphConversation>> | null = fetchPage(run.cursor);
  while (pending) {
    const page: GraphList<GraphConversation> = await pending;
    pending = null;
    const after = page.paging?.next ? (page.paging.cursors?.after ?? null) : null;
    const relevant = options.since ? page.data.filter((c) => (parseMetaTime(c.updated_time)?.getTime() ?? 0) >= options.since!.getTime()) : page.data;
    // Newest first: once a whole page is older than the watermark, nothing further down changed.
    const reachedWatermark = options.since !== null && relevant.length < page.data.length;
    if (after && !reachedWatermark) {
      if (options.signal?.aborted) throw new SyncInterrupted();
      pending = fetchPage(after);
      // A failed prefetch must not become an unhandled rejection while this page is stored.
      pending.catch(() => {});
    }
    for (const c of page.data) {
      const updated = parseMetaTime(c.updated_time);
      if (updated && (!result.newestUpdatedAt || updated > result.newestUpdatedAt)) result.newestUpdatedAt = updated;
    }
    const { imports, calls } = await fetchOlderMessages(graph, relevant, access);
    result.graphCalls += calls;
    const fetchedAt = new Date();
    let inserted = 0;
    await db.$transaction(
      async (tx) => {
        const realtime = new RealtimeBatch();
        for (const item of imports) {
          const imported = await importGraphConversation(tx, access.channel, item, { source: options.kind, fetchedAt, realtime });
          inserted += imported?.messagesInserted ?? 0;
        }
        await tx.syncRun.update({
          where: { id: runId },
          data: {
            cursor: pending ? after : null,
            conversationsDone: { increment: imports.length },
            messagesImported: { increment: inserted },
            graphCalls: { increment: 1 + calls },
            heartbeatAt: new Date(),
            ...(options.kind === "backfill" ? { watermark: result.newestUpdatedAt } : {}),
          },
        });
        realtime.channel(access.channel.accountId, access.channel.id);
        await realtime.publish(tx);
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
    result.conversations += imports.length;
    result.messagesInserted += inserted;
    if (pending && options.signal?.aborted) throw new SyncInterrupted();
  }
  return result;
}
