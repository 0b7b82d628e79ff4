// At most one typing indicator per conversation per interval: the composer reports keystrokes, Meta only
// needs to hear "typing" every few seconds (the indicator lasts about 20 s), and every call counts against
// the Page's send rate. Per process: with several app instances a conversation may get one per instance,
// which is harmless. Pure (time is passed in).

export class TypingThrottle {
  private readonly last = new Map<string, number>();

  constructor(private readonly intervalMs: () => number) {}

  /** True when a typing_on may go out now for this conversation (and records it). */
  tryAcquire(conversationId: string, nowMs: number): boolean {
    const interval = this.intervalMs();
    const previous = this.last.get(conversationId);
    if (previous !== undefined && nowMs - previous < interval) return false;
    this.last.set(conversationId, nowMs);
    if (this.last.size > 10_000) this.prune(nowMs, interval);
    return true;
  }

  private prune(nowMs: number, interval: number) {
    for (const [key, at] of this.last) if (nowMs - at >= interval) this.last.delete(key);
  }
}
