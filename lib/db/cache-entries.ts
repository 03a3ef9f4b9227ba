// The embedded response cache's table (lib/cache/embedded-store.ts).
import { type Db, db as defaultDb } from "./client";

export function readCacheEntries(key: string, now: Date, db: Db = defaultDb()) {
  return db.cacheEntry.findMany({ where: { key, expiresAt: { gt: now } }, orderBy: { bucketIndex: "asc" } });
}

/** Stores one entry; false when that bucket slot was taken meanwhile. */
export async function insertCacheEntry(entry: { key: string; bucketIndex: number; workspaceId: string; response: string; expiresAt: Date }, db: Db = defaultDb()): Promise<boolean> {
  try {
    await db.cacheEntry.create({ data: entry });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return false;
    throw error;
  }
}

export async function deleteExpiredCacheEntries(now: Date, db: Db = defaultDb()): Promise<number> {
  const { count } = await db.cacheEntry.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
