import "server-only";
import pg from "pg";
import { logger } from "./logger";

// LISTEN needs a session of its own: a notification is delivered to the connection that listens, for as long
// as it stays open. Behind PgBouncer in transaction (or statement) pooling the server connection changes under
// the client between transactions, so notifications are lost; `DATABASE_LISTEN_URL` then names a direct
// connection to Postgres (or a session-pooled one) for the listeners, while queries go through the pooler.
// Every listener is a connection of its own, never one of the query pool's (`DATABASE_POOL_SIZE`).

/** Where LISTEN connections go: `DATABASE_LISTEN_URL` when set, else the database of `pool` (or DATABASE_URL). */
export function listenConnectionString(pool?: pg.Pool): string {
  const explicit = process.env.DATABASE_LISTEN_URL?.trim();
  if (explicit) return explicit;
  const own = pool?.options.connectionString ?? process.env.DATABASE_URL;
  if (!own) throw new Error("DATABASE_URL is not set");
  return own;
}

export interface Listening {
  stop(): Promise<void>;
}

/**
 * LISTENs on `channel` on a connection of its own and calls `onNotify` with each payload. A lost connection
 * is re-opened with backoff (0.5 s doubling, at most 15 s) and `onReconnect` is called once listening again —
 * notifications sent meanwhile are gone, so the caller looks for work it may have missed. Resolves once the
 * first LISTEN is in place; rejects when that first connection cannot be made.
 */
export async function listen(options: {
  channel: string;
  onNotify: (payload: string) => void;
  onReconnect?: () => void;
  /** application_name of the connection (pg_stat_activity). */
  name: string;
  /** The pool whose database to use when DATABASE_LISTEN_URL is not set. */
  pool?: pg.Pool;
}): Promise<Listening> {
  if (!/^[a-z_][a-z0-9_]*$/.test(options.channel)) throw new Error(`not a channel name: ${options.channel}`);
  let stopped = false;
  let client: pg.Client | null = null;
  let retryMs = 500;

  const open = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: listenConnectionString(options.pool), application_name: options.name });
    next.on("notification", (message) => {
      if (message.channel === options.channel) options.onNotify(message.payload ?? "");
    });
    // An error on a connection without a listener would end the process; here it only means: reconnect.
    next.on("error", (error) => lost(next, error));
    next.on("end", () => lost(next, new Error("connection ended")));
    try {
      await next.connect();
      await next.query(`LISTEN ${options.channel}`);
    } catch (error) {
      next.removeAllListeners("end");
      await next.end().catch(() => {});
      throw error;
    }
    client = next;
  };

  const lost = (which: pg.Client, error: Error) => {
    if (stopped || client !== which) return;
    client = null;
    void which.end().catch(() => {});
    logger.warn("LISTEN connection lost; reconnecting", { channel: options.channel, inMs: retryMs, error });
    scheduleReconnect();
  };

  const scheduleReconnect = () => {
    const delay = retryMs;
    retryMs = Math.min(retryMs * 2, 15_000);
    setTimeout(() => {
      if (stopped) return;
      open()
        .then(() => {
          retryMs = 500;
          if (stopped) return void client?.end().catch(() => {});
          options.onReconnect?.();
        })
        .catch((error: unknown) => {
          logger.warn("LISTEN connection failed; retrying", { channel: options.channel, inMs: retryMs, error });
          scheduleReconnect();
        });
    }, delay).unref();
  };

  await open();
  return {
    async stop() {
      stopped = true;
      const current = client;
      client = null;
      if (current) {
        current.removeAllListeners("end");
        await current.query(`UNLISTEN ${options.channel}`).catch(() => {});
        await current.end().catch(() => {});
      }
    },
  };
}
