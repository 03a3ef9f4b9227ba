// Cache saves happen after the client has its answer, off the critical path. A client that asks
// the same thing again at once (the seed's "call it twice to see a hit") must still get the hit,
// so a lookup first waits for a save of the same key that is still running in this process.

const MAX_WAIT_MS = 2_000;

export class PendingCacheWrites {
  private writes = new Map<string, Promise<unknown>>();

  track(key: string, write: Promise<unknown>) {
    const settled = write.catch(() => {});
    this.writes.set(key, settled);
    void settled.finally(() => {
      if (this.writes.get(key) === settled) this.writes.delete(key);
    });
  }

  async settle(key: string) {
    const write = this.writes.get(key);
    if (!write) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([write, new Promise((resolve) => (timer = setTimeout(resolve, MAX_WAIT_MS)))]);
    clearTimeout(timer);
  }
}
