// Per-workspace settings the gateway reads on every call (rate-limit rules, budgets), kept for
// a short TTL so a change in settings applies within seconds without a query per request.
export class WorkspaceCache<T> {
  private byWorkspace = new Map<string, { at: number; value: T }>();

  constructor(
    private readonly load: (workspaceId: string) => Promise<T>,
    private readonly ttlMs: number,
  ) {}

  /** The workspace's value; while the database is unreachable, the last one known. */
  async get(workspaceId: string): Promise<T> {
    const cached = this.byWorkspace.get(workspaceId);
    if (cached && Date.now() - cached.at < this.ttlMs) return cached.value;
    let value: T;
    try {
      value = await this.load(workspaceId);
    } catch (error) {
      if (cached) return cached.value;
      throw error;
    }
    this.byWorkspace.set(workspaceId, { at: Date.now(), value });
    return value;
  }
}
