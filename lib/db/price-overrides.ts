import { type Db, db as defaultDb } from "./client";

export function listPriceOverrides(workspaceId: string, db: Db = defaultDb()) {
  return db.priceOverride.findMany({ where: { workspaceId } });
}

export interface PriceInput {
  provider: string;
  model: string;
  inputNanoPerMTok: bigint;
  outputNanoPerMTok: bigint;
  cachedInputNanoPerMTok: bigint | null;
  cacheWriteNanoPerMTok: bigint | null;
}

/** Sets (or replaces) the workspace's price for a provider's model. */
export function savePriceOverride(workspaceId: string, price: PriceInput, db: Db = defaultDb()) {
  const { provider, model, ...prices } = price;
  return db.priceOverride.upsert({
    where: { workspaceId_provider_model: { workspaceId, provider, model } },
    create: { workspaceId, provider, model, ...prices },
    update: prices,
  });
}

export function findPriceOverride(workspaceId: string, id: string, db: Db = defaultDb()) {
  return db.priceOverride.findFirst({ where: { workspaceId, id } });
}

export async function deletePriceOverride(workspaceId: string, id: string, db: Db = defaultDb()) {
  const { count } = await db.priceOverride.deleteMany({ where: { workspaceId, id } });
  return count > 0;
}
