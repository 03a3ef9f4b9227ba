// Models this workspace called that have no price: tokens were used but no cost could be
// computed (the bundled pricing data lacks them and no override exists). Settings → Pricing
// offers to price each one.
import { type Db, db as defaultDb, dialectOf } from "../db/client";
import { sql } from "./sql";
import type { Window } from "./time-range";

export interface UnpricedModel {
  provider: string;
  /** As the provider knows it (the routing prefix removed), which is what a price override matches. */
  model: string;
  requests: number;
  lastSeen: Date;
}

export async function unpricedModels(workspaceId: string, window: Window, db: Db = defaultDb()): Promise<UnpricedModel[]> {
  const q = sql(dialectOf(db));
  const text = `SELECT r."provider" AS provider, r."modelRequested" AS model, COUNT(*) AS n, MAX(r."createdAt") AS last
    FROM "Request" r WHERE r."workspaceId" = ${q.param(workspaceId)} AND ${q.within(`r."createdAt"`, window)}
      AND r."costNanoUsd" IS NULL AND (r."promptTokens" IS NOT NULL OR r."completionTokens" IS NOT NULL)
    GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 100`;
  const rows = await db.$queryRawUnsafe<{ provider: string; model: string; n: unknown; last: unknown }[]>(text, ...q.params);
  return rows.map((r) => ({
    provider: r.provider,
    model: r.model.startsWith(`${r.provider}/`) ? r.model.slice(r.provider.length + 1) : r.model,
    requests: Number(r.n),
    lastSeen: new Date(r.last as string | Date),
  }));
}
