// API-key lookup without a database round trip per request: a short in-process cache by hash,
// with concurrent misses sharing one query. Revocation takes effect within POSITIVE_TTL_MS.
// Last use is recorded in batches, not with a write per request.
import { hashApiKey } from "../auth/api-keys";
import { findApiKeyByHash, touchApiKeys } from "../db/api-keys";

export interface CachedKey {
  id: string;
  workspaceId: string;
  allowedModels: string[] | null;
}

const POSITIVE_TTL_MS = 5_000;
const NEGATIVE_TTL_MS = 2_000;
const TOUCH_INTERVAL_MS = 30_000;
const MAX_ENTRIES = 10_000;

type Lookup = (hash: string) => Promise<{ id: string; workspaceId: string; revokedAt: Date | null; expiresAt: Date | null; allowedModels: string | null } | null>;

export class KeyCache {
  private entries = new Map<string, { key: CachedKey | null; expiresAt: number; keyExpiresAt: number | null }>();
  private inflight = new Map<string, Promise<CachedKey | null>>();
  private used = new Set<string>();
  private timer: NodeJS.Timeout;

  constructor(
    private readonly lookup: Lookup = findApiKeyByHash,
    private readonly touch: (ids: string[], at: Date) => Promise<void> = touchApiKeys,
    private readonly ttl = { positiveMs: POSITIVE_TTL_MS, negativeMs: NEGATIVE_TTL_MS },
  ) {
    this.timer = setInterval(() => void this.flushUsage(), TOUCH_INTERVAL_MS);
    this.timer.unref();
  }

  /** The active key for a secret, or null when unknown, revoked or expired. */
  async resolve(secret: string): Promise<CachedKey | null> {
    const hash = hashApiKey(secret);
    const now = Date.now();
    const hit = this.entries.get(hash);
    let key: CachedKey | null;
    if (hit && hit.expiresAt > now) {
      key = hit.keyExpiresAt !== null && hit.keyExpiresAt <= now ? null : hit.key;
    } else {
      let pending = this.inflight.get(hash);
      if (!pending) {
        // While the database is unreachable, a key seen before keeps working as it was.
        pending = this.load(hash)
          .catch((error: unknown) => {
            if (!hit) throw error;
            this.entries.set(hash, { ...hit, expiresAt: Date.now() + this.ttl.positiveMs }); // don't ask a down database every request
            return hit.key;
          })
          .finally(() => this.inflight.delete(hash));
        this.inflight.set(hash, pending);
      }
      key = await pending;
    }
    if (key) this.used.add(key.id);
    return key;
  }

  private async load(hash: string): Promise<CachedKey | null> {
    const row = await this.lookup(hash);
    const now = Date.now();
    const active = row && !row.revokedAt && (!row.expiresAt || row.expiresAt.getTime() > now);
    const key = active ? { id: row.id, workspaceId: row.workspaceId, allowedModels: row.allowedModels ? (JSON.parse(row.allowedModels) as string[]) : null } : null;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(hash, { key, expiresAt: now + (key ? this.ttl.positiveMs : this.ttl.negativeMs), keyExpiresAt: row?.expiresAt?.getTime() ?? null });
    return key;
  }

  async flushUsage() {
    if (this.used.size === 0) return;
    const ids = [...this.used];
    this.used.clear();
    await this.touch(ids, new Date()).catch(() => ids.forEach((id) => this.used.add(id)));
  }

  async close() {
    clearInterval(this.timer);
    await this.flushUsage();
  }
}
