import "server-only";
import { db, type SqlClient } from "@/lib/db";

export const JOBS_CHANNEL = "inbox_jobs";

export interface EnqueueOptions {
  /** Not before this time (default: now). */
  runAt?: Date;
  /** At most one queued-or-running job per (queue, key): a second enqueue is a no-op (returns null). */
  singletonKey?: string;
  /**
   * With a singleton: when the pending one is already RUNNING, ask it to run once more after it finishes
   * instead of doing nothing — for jobs that work through "everything not done yet" (new contacts to name),
   * where work arriving after the running job's last look would otherwise wait for the next unrelated event.
   */
  rerunIfRunning?: boolean;
  maxAttempts?: number;
}

type Client = Pick<SqlClient, "$queryRaw">;

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
  const rows = await client.$queryRaw<{ id: bigint; inserted: boolean }[]>`
    WITH inserted AS (
      INSERT INTO jobs (queue, payload, singleton_key, run_at, max_attempts, rerun_requested)
      SELECT t.queue, t.payload::jsonb, t.singleton_key, t.run_at, t.max_attempts, t.rerun
        FROM unnest(${jobs.map((j) => j.queue)}::text[], ${jobs.map((j) => JSON.stringify(j.payload))}::text[], ${jobs.map((j) => j.singletonKey ?? null)}::text[],
                    ${jobs.map((j) => j.runAt ?? now)}::timestamptz[], ${jobs.map((j) => j.maxAttempts ?? 5)}::int[], ${jobs.map((j) => j.rerunIfRunning === true)}::boolean[])
             AS t(queue, payload, singleton_key, run_at, max_attempts, rerun)
      ON CONFLICT (queue, singleton_key) WHERE singleton_key IS NOT NULL AND status IN ('QUEUED', 'RUNNING')
      -- A queued one will see the new work anyway; a running one may have looked already: run it again after.
      DO UPDATE SET rerun_requested = true WHERE excluded.rerun_requested AND jobs.status = 'RUNNING'
      RETURNING id, queue, (xmax = 0) AS inserted
    )
    SELECT id, inserted, CASE WHEN inserted THEN pg_notify(${JOBS_CHANNEL}, queue)::text END AS notified FROM inserted`;
  return rows.filter((r) => r.inserted).map((r) => r.id);
}
