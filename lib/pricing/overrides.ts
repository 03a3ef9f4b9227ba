// Workspace price overrides, cached per workspace so pricing a call costs no query.
import { listPriceOverrides } from "../db/price-overrides";
import type { PriceOverride } from "./cost";

export class PriceOverrideCache {
  private byWorkspace = new Map<string, { at: number; prices: Map<string, PriceOverride>; loading?: Promise<void> }>();

  constructor(
    private readonly load = listPriceOverrides,
    private readonly ttlMs = 30_000,
  ) {}

  /** The override for provider/model in a workspace, if it has one. Refreshes in the background. */
  async find(workspaceId: string, provider: string, model: string): Promise<PriceOverride | undefined> {
    let entry = this.byWorkspace.get(workspaceId);
    if (!entry) {
      entry = { at: 0, prices: new Map() };
      this.byWorkspace.set(workspaceId, entry);
      await this.refresh(workspaceId, entry);
    } else if (Date.now() - entry.at > this.ttlMs && !entry.loading) {
      void this.refresh(workspaceId, entry);
    }
    return entry.prices.get(`${provider}/${model}`);
  }

  private refresh(workspaceId: string, entry: { at: number; prices: Map<string, PriceOverride>; loading?: Promise<void> }) {
    entry.loading = this.load(workspaceId)
      .then((rows) => {
        entry.prices = new Map(rows.map((r) => [`${r.provider}/${r.model}`, r]));
        entry.at = Date.now();
      })
      .catch(() => {}) // keep the last known prices; the next call retries
      .finally(() => (entry.loading = undefined));
    return entry.loading;
  }
}
