import "server-only";
import pg from "pg";
import { listenConnectionString } from "@/lib/db-listen";
import { logger } from "@/lib/logger";
import { REALTIME_CHANNEL, realtimeEventsOf, type RealtimeEvent } from "./events";

type Listener = (event: RealtimeEvent) => void;

/**
 * One LISTEN connection per process, fanned out to every open SSE stream of that process. Each app instance
 * has its own hub, and Postgres delivers every NOTIFY to all of them, so several instances behind a load
 * balancer all push every change. The connection reconnects with backoff; listeners are told through
 * `onReconnect` so clients can refetch what they may have missed.
 */
class RealtimeHub {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly reconnectListeners = new Set<() => void>();
  private retryMs = 500;

  subscribe(listener: Listener, onReconnect?: () => void): () => void {
    this.listeners.add(listener);
    if (onReconnect) this.reconnectListeners.add(onReconnect);
    void this.ensureConnected();
    return () => {
      this.listeners.delete(listener);
      if (onReconnect) this.reconnectListeners.delete(onReconnect);
    };
  }

  private ensureConnected(): Promise<void> {
    if (this.client || this.connecting) return this.connecting ?? Promise.resolve();
    this.connecting = this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: listenConnectionString(), application_name: "inbox-realtime" });
    try {
      await client.connect();
      client.on("notification", (message) => {
        if (message.channel !== REALTIME_CHANNEL || !message.payload) return;
        for (const event of realtimeEventsOf(message.payload)) {
          for (const listener of this.listeners) listener(event);
        }
      });
      client.on("error", (error) => this.lost(client, error));
      client.on("end", () => this.lost(client, new Error("connection ended")));
      await client.query(`LISTEN ${REALTIME_CHANNEL}`);
      const wasReconnect = this.retryMs > 500;
      this.client = client;
      this.retryMs = 500;
      if (wasReconnect) for (const listener of this.reconnectListeners) listener();
    } catch (error) {
      await client.end().catch(() => {});
      this.scheduleReconnect(error);
    }
  }

  private lost(client: pg.Client, error: Error) {
    if (this.client !== client) return;
    this.client = null;
    void client.end().catch(() => {});
    this.scheduleReconnect(error);
  }

  private scheduleReconnect(error: unknown) {
    if (this.listeners.size === 0) return;
    logger.warn("realtime connection lost; reconnecting", { inMs: this.retryMs, error });
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 15_000);
    setTimeout(() => void this.ensureConnected(), delay);
  }
}

const holder = globalThis as unknown as { __inboxRealtimeHub?: RealtimeHub };
export const realtimeHub: RealtimeHub = (holder.__inboxRealtimeHub ??= new RealtimeHub());
