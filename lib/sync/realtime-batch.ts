import "server-only";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { publishRealtime } from "@/lib/realtime/publish";
import type { Tx } from "@/lib/db";

/**
 * Collects the realtime events of one transaction, once each (a batch touching a conversation ten times
 * notifies it once), and publishes them inside it: delivered on commit, never for a rollback.
 */
export class RealtimeBatch {
  private readonly events = new Map<string, RealtimeEvent>();

  conversation(accountId: string, channelId: string, conversationId: string): void {
    this.add({ type: "conversation.updated", accountId, channelId, conversationId });
  }

  message(accountId: string, channelId: string, conversationId: string, messageId: string): void {
    this.add({ type: "message.upserted", accountId, channelId, conversationId, messageId });
  }

  channel(accountId: string, channelId: string): void {
    this.add({ type: "channel.updated", accountId, channelId });
  }

  private add(event: RealtimeEvent): void {
    this.events.set(JSON.stringify(event), event);
  }

  get size(): number {
    return this.events.size;
  }

  async publish(tx: Tx): Promise<void> {
    if (this.events.size === 0) return;
    await publishRealtime([...this.events.values()], tx);
    this.events.clear();
  }
}
