import "server-only";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { publishRealtimeBatch } from "@/lib/realtime/publish";
import type { SqlClient } from "@/lib/db";

/**
 * Collects the realtime events of one transaction, once each (a batch touching a conversation ten times
 * notifies it once), and publishes them inside it — as few NOTIFYs as the payload limit allows: delivered on
 * commit, never for a rollback.
 */
export class RealtimeBatch {
  private readonly events = new Map<string, RealtimeEvent>();

  conversation(accountId: string, channelId: string, conversationId: string): void {
    this.add({ type: "conversation.updated", accountId, channelId, conversationId });
  }

  message(accountId: string, channelId: string, conversationId: string, messageId: string): void {
    this.add({ type: "message.upserted", accountId, channelId, conversationId, messageId });
  }

  comment(accountId: string, channelId: string, commentId: string): void {
    this.add({ type: "comment.upserted", accountId, channelId, commentId });
  }

  channel(accountId: string, channelId: string): void {
    this.add({ type: "channel.updated", accountId, channelId });
  }

  /** Forgets what was collected (the work it described was rolled back). */
  clear(): void {
    this.events.clear();
  }

  /** Takes over the events of another batch (e.g. of a savepoint that held). */
  merge(other: RealtimeBatch): void {
    for (const [key, event] of other.events) this.events.set(key, event);
  }

  private add(event: RealtimeEvent): void {
    this.events.set(JSON.stringify(event), event);
  }

  get size(): number {
    return this.events.size;
  }

  async publish(tx: SqlClient): Promise<void> {
    if (this.events.size === 0) return;
    await publishRealtimeBatch([...this.events.values()], tx);
    this.events.clear();
  }
}
