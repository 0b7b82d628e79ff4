import "server-only";
import { db } from "@/lib/db";

export const JOBS_CHANNEL = "inbox_jobs";

export interface EnqueueOptions {
  /** Not before this time (default: now). */
  runAt?: Date;
  /** At most one queued-or-running job per (queue, key): a second enqueue is a no-op (returns null). */
  singletonKey?: string;
  maxAttempts?: number;
}

type Client = Pick<typeof db, "$queryRaw">;

/**
 * Adds a durable job. Inside a transaction (pass `tx`) the job and its wake-up notification exist only if the
 * transaction commits. Returns the job id, or null when a singleton of the same key is already pending.
 */
export async function enqueueJob(queue: string, payload: Record<string, unknown>, options: EnqueueOptions = {}, client: Client = db): Promise<bigint | null> {
  const runAt = options.runAt ?? new Date();
  const rows = await client.$queryRaw<{ id: bigint }[]>`
    WITH inserted AS (
      INSERT INTO jobs (queue, payload, singleton_key, run_at, max_attempts)
      VALUES (${queue}, ${JSON.stringify(payload)}::jsonb, ${options.singletonKey ?? null}, ${runAt}, ${options.maxAttempts ?? 5})
      ON CONFLICT (queue, singleton_key) WHERE singleton_key IS NOT NULL AND status IN ('QUEUED', 'RUNNING') DO NOTHING
      RETURNING id
    )
    SELECT id, pg_notify(${JOBS_CHANNEL}, ${queue})::text AS notified FROM inserted`;
  return rows[0]?.id ?? null;
}
