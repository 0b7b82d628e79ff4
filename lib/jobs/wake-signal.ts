// The idle wait of a background loop: until something wakes it (a NOTIFY, a finished job, a stop) or the
// poll interval passes — whichever comes first. A wake while the loop is busy is remembered, so the next
// wait returns at once and no notification is lost between two waits.
export class WakeSignal {
  private resolveWait: (() => void) | null = null;
  private pending = false;

  wake(): void {
    if (this.resolveWait) this.resolveWait();
    else this.pending = true;
  }

  wait(timeoutMs: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.resolveWait = null;
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.resolveWait = done;
    });
  }
}
