import "server-only";
import type pg from "pg";
import { logger } from "@/lib/logger";
import { Pacer, realClock, type PacerClock, type PacerLike } from "./pacer";

// Meta's Conversations API allows 2 calls/s per Page whoever makes them: with several app or worker processes
// (a backfill in one, a reconciliation or a send's read-back in another) each process pacing on its own would
// add up to a multiple of the rate, and Meta answers that with minutes of 613s. So the slots live in Postgres:
// one row per owner (Page or IG account) holding the next free slot and any pause Meta asked for, taken with one
// atomic statement per call (the row lock orders concurrent callers of every process), on Postgres' clock.
// In front of it each process keeps its own Pacer: its callers queue in order locally, and a timer that fires
// late still keeps the full interval after this process's previous call (see Pacer).

export class SharedPacer implements PacerLike {
  private readonly local: Pacer;

  constructor(
    private readonly pool: pg.Pool,
    private readonly ratePerSecond: number,
    private readonly clock: PacerClock = realClock,
  ) {
    this.local = new Pacer(ratePerSecond, clock);
  }

  async acquire(owner: string): Promise<void> {
    await this.local.acquire(owner);
    const { rows } = await this.pool.query<{ wait_ms: number }>(
      `INSERT INTO graph_pacing AS p (owner, next_slot_at) VALUES ($1, clock_timestamp() + make_interval(secs => $2))
       ON CONFLICT (owner) DO UPDATE
         SET next_slot_at = GREATEST(clock_timestamp(), p.next_slot_at, COALESCE(p.paused_until, '-infinity')) + make_interval(secs => $2)
       RETURNING GREATEST(0, extract(epoch FROM (p.next_slot_at - make_interval(secs => $2) - clock_timestamp())) * 1000)::float8 AS wait_ms`,
      [owner, 1 / this.ratePerSecond],
    );
    const waitMs = rows[0]?.wait_ms ?? 0;
    if (waitMs > 0) await this.clock.sleep(waitMs);
  }

  pause(owner: string, ms: number): Promise<void> {
    this.local.pause(owner, ms);
    if (!(ms > 0)) return Promise.resolve();
    return this.pool
      .query(
        `INSERT INTO graph_pacing AS p (owner, next_slot_at, paused_until) VALUES ($1, clock_timestamp(), clock_timestamp() + make_interval(secs => $2))
         ON CONFLICT (owner) DO UPDATE SET paused_until = GREATEST(COALESCE(p.paused_until, '-infinity'), excluded.paused_until)`,
        [owner, ms / 1000],
      )
      .then(
        () => {},
        (error: unknown) => logger.warn("could not share a Graph pause with the other instances", { owner, error }),
      );
  }
}
