import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type pg from "pg";
import { listen, type Listening } from "@/lib/db-listen";
import { logger } from "@/lib/logger";
import { JOBS_CHANNEL } from "./enqueue-job";
import { WakeSignal } from "./wake-signal";

// Durable jobs on Postgres, without another service. A job is claimed with FOR UPDATE SKIP LOCKED (so any
// number of app instances can share the table), held under a lease that a heartbeat extends while it runs,
// and taken again by any worker once the lease expires — a crashed process loses no job. Handlers must be
// idempotent (a job can run again after a crash); long jobs keep their own progress (e.g. a sync cursor).

export interface JobRecord {
  id: bigint;
  queue: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
}

export interface JobContext<Payload = Record<string, unknown>> {
  job: JobRecord;
  /** The job's payload (checked against its definition's schema: lib/jobs/define-job.ts). */
  payload: Payload;
  /** Aborted when the worker stops: finish the current step, save progress, return. */
  signal: AbortSignal;
}

export type JobHandler = (context: JobContext) => Promise<void>;

/** The job can never succeed (e.g. a payload its definition refuses): FAILED at once, without retries. */
export class PermanentJobError extends Error {
  override name = "PermanentJobError";
}

/** A handler may throw this to be retried later without counting as a failure of the job's logic. */
export class RetryJobLater extends Error {
  override name = "RetryJobLater";
  constructor(readonly delayMs: number, message = "retry later") {
    super(message);
  }
}

export interface JobWorkerOptions {
  pool: pg.Pool;
  handlers: Record<string, JobHandler>;
  /** Jobs running at once in this process. */
  concurrency?: number;
  /** Lease length; the heartbeat renews it every third of it. */
  leaseMs?: number;
  /** Polling interval when no notification arrives (due `runAt`s, expired leases). */
  pollIntervalMs?: number;
  /** Delay before attempt n+1: min(maxMs, baseMs · 2^(n-1)). */
  retryBackoff?: { baseMs: number; maxMs: number };
}

interface ClaimedRow {
  id: string;
  queue: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
}

export class JobWorker {
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly running = new Map<string, Promise<void>>();
  private readonly abort = new AbortController();
  private listener: Listening | null = null;
  private readonly wakeSignal = new WakeSignal();
  private loop: Promise<void> | null = null;
  private readonly queues: string[];
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly pollIntervalMs: number;
  private readonly backoff: { baseMs: number; maxMs: number };

  constructor(private readonly options: JobWorkerOptions) {
    this.queues = Object.keys(options.handlers);
    this.concurrency = options.concurrency ?? 4;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 2_000;
    this.backoff = options.retryBackoff ?? { baseMs: 5_000, maxMs: 10 * 60_000 };
  }

  async start(): Promise<void> {
    this.listener = await listen({
      channel: JOBS_CHANNEL,
      name: "inbox-jobs",
      pool: this.options.pool,
      onNotify: (queue) => {
        if (this.queues.includes(queue)) this.wakeSignal.wake();
      },
      // Wake-ups sent while the connection was down are lost: look for due jobs at once.
      onReconnect: () => this.wakeSignal.wake(),
    });
    this.loop = this.run();
  }

  /** Stops claiming, signals running handlers, and waits for them (up to `timeoutMs`). */
  async stop(timeoutMs = 15_000): Promise<void> {
    this.abort.abort();
    this.wakeSignal.wake();
    await this.loop;
    await Promise.race([Promise.allSettled(this.running.values()), new Promise((r) => setTimeout(r, timeoutMs))]);
    await this.listener?.stop();
    this.listener = null;
  }

  private async run(): Promise<void> {
    while (!this.abort.signal.aborted) {
      const free = this.concurrency - this.running.size;
      let claimed: ClaimedRow[] = [];
      if (free > 0) {
        try {
          claimed = await this.claim(free);
        } catch (error) {
          logger.error("job claim failed", { error });
        }
      }
      for (const row of claimed) this.execute(row);
      if (claimed.length === free && free > 0) continue; // more may be waiting
      await this.wakeSignal.wait(this.pollIntervalMs);
    }
  }

  private async claim(limit: number): Promise<ClaimedRow[]> {
    const { rows } = await this.options.pool.query<ClaimedRow>(
      `UPDATE jobs SET status = 'RUNNING', locked_by = $1, locked_until = now() + ($2 || ' milliseconds')::interval,
                       attempts = attempts + 1, rerun_requested = false
        WHERE id IN (
          SELECT id FROM jobs
           WHERE queue = ANY($3::text[])
             AND ((status = 'QUEUED' AND run_at <= now()) OR (status = 'RUNNING' AND locked_until < now()))
             -- Never a job this worker still runs: a heartbeat late on a busy machine makes its own lease look
             -- expired, and running the handler twice at once double-counts a backfill's pages.
             AND NOT (id = ANY($5::bigint[]))
           ORDER BY run_at, id
           LIMIT $4
           FOR UPDATE SKIP LOCKED)
        RETURNING id::text, queue, payload, attempts, max_attempts`,
      [this.id, String(this.leaseMs), this.queues, limit, [...this.running.keys()]],
    );
    return rows;
  }

  private execute(row: ClaimedRow): void {
    const job: JobRecord = { id: BigInt(row.id), queue: row.queue, payload: row.payload, attempts: row.attempts, maxAttempts: row.max_attempts };
    const heartbeat = setInterval(() => {
      this.options.pool
        .query(`UPDATE jobs SET locked_until = now() + ($1 || ' milliseconds')::interval WHERE id = $2 AND locked_by = $3`, [
          String(this.leaseMs),
          row.id,
          this.id,
        ])
        .catch((error: unknown) => logger.warn("job heartbeat failed", { jobId: row.id, error }));
    }, Math.max(100, Math.floor(this.leaseMs / 3)));
    const task = (async () => {
      try {
        await this.options.handlers[row.queue]!({ job, payload: job.payload, signal: this.abort.signal });
        await this.finish(row.id, "DONE", null, null);
      } catch (error) {
        await this.fail(job, error).catch((e: unknown) => logger.error("job bookkeeping failed", { jobId: row.id, error: e }));
      } finally {
        clearInterval(heartbeat);
        this.running.delete(row.id);
        this.wakeSignal.wake();
      }
    })();
    this.running.set(row.id, task);
  }

  private async fail(job: JobRecord, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof RetryJobLater) {
      // Not the job's fault (e.g. throttled): do not spend an attempt.
      await this.options.pool.query(
        `UPDATE jobs SET status = 'QUEUED', attempts = attempts - 1, run_at = now() + ($1 || ' milliseconds')::interval,
                         locked_by = NULL, locked_until = NULL, last_error = $2 WHERE id = $3 AND locked_by = $4`,
        [String(error.delayMs), message, job.id.toString(), this.id],
      );
      return;
    }
    if (this.abort.signal.aborted) {
      // Stopped mid-way: make it claimable again at once, without spending the attempt.
      await this.options.pool.query(
        `UPDATE jobs SET status = 'QUEUED', attempts = attempts - 1, locked_by = NULL, locked_until = NULL WHERE id = $1 AND locked_by = $2`,
        [job.id.toString(), this.id],
      );
      return;
    }
    if (job.attempts >= job.maxAttempts || error instanceof PermanentJobError) {
      logger.error("job failed for good", { jobId: job.id, queue: job.queue, attempts: job.attempts, error });
      await this.finish(job.id.toString(), "FAILED", message, null);
      return;
    }
    const delay = Math.min(this.backoff.maxMs, this.backoff.baseMs * 2 ** (job.attempts - 1));
    logger.warn("job failed, will retry", { jobId: job.id, queue: job.queue, attempts: job.attempts, delayMs: delay, error });
    await this.finish(job.id.toString(), "QUEUED", message, delay);
  }

  private async finish(id: string, status: "DONE" | "FAILED" | "QUEUED", error: string | null, retryInMs: number | null): Promise<void> {
    await this.options.pool.query(
      // A finished job keeps the id of the worker that finished it (host:pid:…): which instance ran what.
      // Asked for again while it ran (enqueue `rerunIfRunning`): done becomes queued, at once, attempts afresh.
      // `$1 = 'DONE' AND rerun_requested` is spelled out in each SET on purpose: only the target row is re-read
      // after waiting for a concurrent enqueue's lock, so a flag derived once in a FROM subquery could be stale
      // and lose a rerun asked for in that instant.
      `UPDATE jobs SET status = (CASE WHEN $1 = 'DONE' AND rerun_requested THEN 'QUEUED' ELSE $1 END)::job_status,
                       last_error = COALESCE($2, last_error),
                       attempts = CASE WHEN $1 = 'DONE' AND rerun_requested THEN 0 ELSE attempts END,
                       locked_by = CASE WHEN $1 IN ('DONE', 'FAILED') AND NOT ($1 = 'DONE' AND rerun_requested) THEN locked_by ELSE NULL END,
                       locked_until = NULL,
                       finished_at = CASE WHEN $1 IN ('DONE', 'FAILED') AND NOT ($1 = 'DONE' AND rerun_requested) THEN now() ELSE NULL END,
                       run_at = CASE WHEN $1 = 'DONE' AND rerun_requested THEN now()
                                     WHEN $3::bigint IS NULL THEN run_at ELSE now() + ($3::bigint || ' milliseconds')::interval END,
                       rerun_requested = false
        WHERE id = $4 AND locked_by = $5`,
      [status, error, retryInMs, id, this.id],
    );
  }
}
