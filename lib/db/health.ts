import { type Db, db as defaultDb } from "./client";

/** True when a trivial query answers within the timeout. */
export async function databaseReachable(timeoutMs = 3000, db: Db = defaultDb()): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([db.$queryRaw`SELECT 1`.then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
