// Property keys and values seen in a workspace, for filter pickers.
import { type Db, db as defaultDb } from "../db/client";

/** Keys used in the window, most used first. */
export async function propertyKeys(workspaceId: string, since: Date, db: Db = defaultDb()): Promise<string[]> {
  const rows = await db.requestProperty.groupBy({ by: ["key"], where: { workspaceId, createdAt: { gte: since } }, _count: { _all: true } });
  return rows.sort((a, b) => b._count._all - a._count._all).map((r) => r.key);
}

/** The most used values of one key, for suggestions. */
export async function propertyValues(workspaceId: string, key: string, since: Date, take = 50, db: Db = defaultDb()): Promise<string[]> {
  const rows = await db.requestProperty.groupBy({ by: ["value"], where: { workspaceId, key, createdAt: { gte: since } }, _count: { _all: true } });
  return rows
    .sort((a, b) => b._count._all - a._count._all)
    .slice(0, take)
    .map((r) => r.value);
}
