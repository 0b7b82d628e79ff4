import "server-only";
import pg from "pg";
import { db, type SqlClient } from "@/lib/db";
import { logger } from "@/lib/logger";
import { storableJson, storableText } from "./storable-content";

export type SyncFailureSource = "WEBHOOK" | "BACKFILL" | "RECONCILE";

export interface SyncFailureInput {
  channelId: string;
  source: SyncFailureSource;
  /** Meta's message id, thread id or person id. */
  itemKey: string;
  webhookEventId?: bigint | null;
  error: unknown;
  /** The item as we read it (stored bounded). */
  detail?: unknown;
}

/**
 * SQLSTATE classes of failures that are the moment's, not the item's: connection (08), serialization and
 * deadlock (40), resources (53), operator intervention / timeouts (57), lock not available (55P03). Anything
 * else the database says about one item (bad data 22, constraints 23, limits 54, a trigger's refusal P0001…)
 * will say it again on every retry.
 */
const PASSING = /^(08|40|53|57)|^55P03$/;

/**
 * The SQLSTATE of a database error: pg's errors (lib/db.ts `sqlTransaction`) carry it in `code`, Prisma's raw-query
 * errors in `meta.code` and in the message.
 */
export function sqlState(error: unknown): string | null {
  if (error instanceof pg.DatabaseError) return error.code ?? null;
  const meta = (error as { meta?: { code?: unknown } } | null)?.meta;
  if (typeof meta?.code === "string" && /^[0-9A-Z]{5}$/.test(meta.code)) return meta.code;
  const match = /Code: `([0-9A-Z]{5})`/.exec(String((error as Error | null)?.message ?? ""));
  return match?.[1] ?? null;
}

/**
 * Whether the database refused this item for what it is (retrying cannot help: set it aside, go on), rather
 * than for the moment (a lost connection, a deadlock, a timeout: retry the whole of it later).
 */
export function isItemFault(error: unknown): boolean {
  const state = sqlState(error);
  if (state !== null) return !PASSING.test(state);
  // Our own code failing on this item's shape fails again on every retry too.
  return error instanceof TypeError || error instanceof RangeError || error instanceof SyntaxError;
}

/** Records items that could not be stored, for admins (Channels page) and support. */
export async function recordSyncFailures(failures: SyncFailureInput[], client: Pick<SqlClient, "$executeRaw"> = db): Promise<void> {
  if (failures.length === 0) return;
  const col = <T>(pick: (f: SyncFailureInput) => T) => failures.map(pick);
  await client.$executeRaw`
    INSERT INTO sync_failures (channel_id, source, item_key, webhook_event_id, error, detail)
    SELECT t.channel_id, t.source::sync_failure_source, t.item_key, t.webhook_event_id, t.error, t.detail::jsonb
      FROM unnest(${col((f) => f.channelId)}::uuid[], ${col((f) => f.source)}::text[], ${col((f) => storableText(f.itemKey, 1_000) ?? "?")}::text[],
                  ${col((f) => f.webhookEventId?.toString() ?? null)}::bigint[], ${col((f) => describeError(f.error))}::text[],
                  ${col((f) => (f.detail === undefined ? null : JSON.stringify(storableJson(f.detail))))}::text[])
        AS t(channel_id, source, item_key, webhook_event_id, error, detail)`;
  for (const f of failures) logger.error("item set aside: it could not be stored", { channelId: f.channelId, source: f.source, itemKey: f.itemKey, error: f.error });
}

/** The database's own words, without Prisma's invocation preamble. */
function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const message = /Message: `([\s\S]*?)`\s*$/.exec(text)?.[1] ?? text.trim();
  const state = sqlState(error);
  return storableText(state ? `${message} (SQLSTATE ${state})` : message, 2_000) ?? "unknown error";
}

/** Failures recorded for channels since `since`: how many, and the latest. */
export async function syncFailureSummaries(channelIds: string[], since: Date): Promise<Map<string, { count: number; lastAt: Date; lastError: string }>> {
  if (channelIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ channel_id: string; count: number; last_at: Date; last_error: string }[]>`
    SELECT DISTINCT ON (channel_id) channel_id::text, count(*) OVER (PARTITION BY channel_id)::int AS count, occurred_at AS last_at, error AS last_error
      FROM sync_failures
     WHERE channel_id = ANY(${channelIds}::uuid[]) AND occurred_at >= ${since}
     ORDER BY channel_id, occurred_at DESC, id DESC`;
  return new Map(rows.map((r) => [r.channel_id, { count: r.count, lastAt: r.last_at, lastError: r.last_error }]));
}
