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
  const [id] = await enqueueJobs([{ queue, payload, ...options }], client);
  return id ?? null;
}

export interface JobToEnqueue extends EnqueueOptions {
  queue: string;
  payload: Record<string, unknown>;
}

/**
 * Adds several jobs in one statement (see enqueueJob); Postgres delivers identical wake-ups once per
 * transaction. Returns the ids of the jobs added — singletons already pending are skipped.
 */
export async function enqueueJobs(jobs: JobToEnqueue[], client: Client = db): Promise<bigint[]> {
  if (jobs.length === 0) return [];
  const now = new Date();
  const rows = await client.$queryRaw<{ id: bigint }[]>`
    WITH inserted AS (
      INSERT INTO jobs (queue, payload, singleton_key, run_at, max_attempts)
      SELECT t.queue, t.payload::jsonb, t.singleton_key, t.run_at, t.max_attempts
        FROM unnest(${jobs.map((j) => j.queue)}::text[], ${jobs.map((j) => JSON.stringify(j.payload))}::text[], ${jobs.map((j) => j.singletonKey ?? null)}::text[],
                    ${jobs.map((j) => j.runAt ?? now)}::timestamptz[], ${jobs.map((j) => j.maxAttempts ?? 5)}::int[])
             AS t(queue, payload, singleton_key, run_at, max_attempts)
      ON CONFLICT (queue, singleton_key) WHERE singleton_key IS NOT NULL AND status IN ('QUEUED', 'RUNNING') DO NOTHING
      RETURNING id, queue
    )
    SELECT id, pg_notify(${JOBS_CHANNEL}, queue)::text AS notified FROM inserted`;
  return rows.map((r) => r.id);
}
