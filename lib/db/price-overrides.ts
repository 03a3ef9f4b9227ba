import { type Db, db as defaultDb } from "./client";

export function listPriceOverrides(workspaceId: string, db: Db = defaultDb()) {
  return db.priceOverride.findMany({ where: { workspaceId } });
}
