// Per-workspace settings the gateway reads on every call (rate-limit rules, budgets, provider
// keys, price overrides), kept for a short TTL so a change in settings applies within seconds
// without a query per request.
export class WorkspaceCache<T> {
  private byWorkspace = new Map<string, { at: number; value: T }>();
  private loading = new Map<string, Promise<T>>();

  constructor(
    private readonly load: (workspaceId: string) => Promise<T>,
    private readonly ttlMs: number,
  ) {}

  /** The workspace's value; while the database is unreachable, the last one known. */
  async get(workspaceId: string): Promise<T> {
    const cached = this.byWorkspace.get(workspaceId);
    if (cached && Date.now() - cached.at < this.ttlMs) return cached.value;
    try {
      return await this.reload(workspaceId);
    } catch (error) {
      if (cached) return cached.value;
      throw error;
    }
  }

  /** One query per workspace at a time, however many calls arrive as the value expires. */
  private reload(workspaceId: string): Promise<T> {
    let pending = this.loading.get(workspaceId);
    if (!pending) {
      pending = this.load(workspaceId)
        .then((value) => {
          this.byWorkspace.set(workspaceId, { at: Date.now(), value });
          return value;
        })
        .finally(() => this.loading.delete(workspaceId));
      this.loading.set(workspaceId, pending);
    }
    return pending;
  }
}
