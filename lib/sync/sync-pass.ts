import "server-only";
import { db, type Tx } from "@/lib/db";
import { fetchConversationPage } from "@/lib/meta/fetch-conversation-page";
import type { GraphClient, GraphList } from "@/lib/meta/graph-client";
import { GraphApiError } from "@/lib/meta/graph-error";
import type { GraphConversation } from "@/lib/meta/graph-types";
import { parseMetaTime } from "@/lib/meta/meta-time";
import type { ChannelGraphAccess } from "./channel-graph-access";
import { fetchOlderMessages } from "./fetch-older-messages";
import { importGraphConversation, type GraphConversationImport } from "./import-graph-conversation";
import { RealtimeBatch } from "./realtime-batch";
import { isItemFault, recordSyncFailures, type SyncFailureInput } from "./sync-failures";

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

const PAGE_TRANSACTION = { timeout: 60_000, maxWait: 10_000 };

/** A page stored conversation by conversation; those the database refuses are recorded and skipped. */
async function importOneByOne(
  channelId: string,
  source: "BACKFILL" | "RECONCILE",
  imports: GraphConversationImport[],
  importAll: (tx: Tx, list: GraphConversationImport[], realtime: RealtimeBatch) => Promise<number>,
  advance: (tx: Tx, inserted: number, realtime: RealtimeBatch) => Promise<void>,
): Promise<number> {
  let inserted = 0;
  const refused: SyncFailureInput[] = [];
  for (const item of imports) {
    try {
      inserted += await db.$transaction(async (tx) => {
        const realtime = new RealtimeBatch();
        const count = await importAll(tx, [item], realtime);
        await realtime.publish(tx);
        return count;
      }, PAGE_TRANSACTION);
    } catch (error) {
      if (!isItemFault(error)) throw error;
      const { id, updated_time, participants } = item.conversation;
      refused.push({ channelId, source, itemKey: id, error, detail: { id, updated_time, participants } });
    }
  }
  await db.$transaction(async (tx) => {
    await recordSyncFailures(refused, tx);
    await advance(tx, inserted, new RealtimeBatch());
  }, PAGE_TRANSACTION);
  return inserted;
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
 * A conversation the database refuses (what Meta holds can be anything) is set aside — recorded for admins —
 * and the pass goes on: one thread can never stop a channel's backfill or its reconciliations.
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
    const deliveryGapCutoff = options.kind === "reconcile" ? await webhookDeliveryCutoff(fetchedAt) : null;
    const importAll = async (tx: Tx, list: GraphConversationImport[], realtime: RealtimeBatch) => {
      let count = 0;
      for (const item of list) count += (await importGraphConversation(tx, access.channel, item, { source: options.kind, fetchedAt, realtime, deliveryGapCutoff }))?.messagesInserted ?? 0;
      return count;
    };
    const advance = async (tx: Tx, inserted: number, realtime: RealtimeBatch) => {
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
    };
    let inserted = 0;
    try {
      await db.$transaction(async (tx) => {
        const realtime = new RealtimeBatch();
        inserted = await importAll(tx, imports, realtime);
        await advance(tx, inserted, realtime);
      }, PAGE_TRANSACTION);
    } catch (error) {
      if (!isItemFault(error)) throw error;
      // One conversation the database refuses must not stop the channel's sync: each in its own transaction,
      // the refused ones set aside (sync_failures, shown to admins), the run goes on.
      inserted = await importOneByOne(access.channel.id, options.kind === "backfill" ? "BACKFILL" : "RECONCILE", imports, importAll, advance);
    }
    result.conversations += imports.length;
    result.messagesInserted += inserted;
    if (pending && options.signal?.aborted) throw new SyncInterrupted();
  }
  return result;
}

/**
 * A message reconciliation finds and we did not hold counts as a delivery gap (a webhook Meta never
 * delivered) only if its webhook would have been applied by now: sent at least a minute before this read,
 * and before the oldest webhook still waiting to be processed (a backlog may hold it). Messages newer than
 * that are imported all the same, just not counted — an undercount, never a false alarm.
 */
export const DELIVERY_GAP_MARGIN_MS = 60_000;

async function webhookDeliveryCutoff(fetchedAt: Date): Promise<Date> {
  const [oldest] = await db.$queryRaw<{ at: Date | null }[]>`SELECT min(received_at) AS at FROM webhook_events WHERE status = 'RECEIVED'`;
  const until = oldest?.at && oldest.at < fetchedAt ? oldest.at : fetchedAt;
  return new Date(until.getTime() - DELIVERY_GAP_MARGIN_MS);
}
