// Workspace price overrides, cached per workspace so pricing a call costs no query.
import { listPriceOverrides } from "../db/price-overrides";
import { WorkspaceCache } from "../gateway/workspace-cache";
import type { PriceOverride } from "./cost";

export class PriceOverrideCache {
  private readonly cache: WorkspaceCache<Map<string, PriceOverride>>;

  constructor(load: (workspaceId: string) => Promise<Awaited<ReturnType<typeof listPriceOverrides>>> = listPriceOverrides, ttlMs = 30_000) {
    this.cache = new WorkspaceCache(async (workspaceId) => new Map((await load(workspaceId)).map((r) => [`${r.provider}/${r.model}`, r])), ttlMs);
  }

  /** The override for provider/model in a workspace, if it has one. */
  async find(workspaceId: string, provider: string, model: string): Promise<PriceOverride | undefined> {
    return (await this.cache.get(workspaceId)).get(`${provider}/${model}`);
  }
}
