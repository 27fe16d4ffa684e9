/**
 * Remembers each sweep's status for a few seconds, so a worker can skip the jobs of a cancelled sweep without one
 * query per job; a cancel takes effect within `ttlMs` on every worker.
 */
export class SweepStatusCache {
  private readonly entries = new Map<string, { status: string | undefined; at: number }>();

  constructor(
    private readonly lookup: (sweepId: string) => Promise<string | undefined>,
    private readonly ttlMs = 2_000,
  ) {}

  /** The sweep's status; `fresh` asks Postgres even when a recent answer is remembered. */
  async get(sweepId: string, fresh = false): Promise<string | undefined> {
    const now = Date.now();
    const hit = this.entries.get(sweepId);
    if (hit && !fresh && now - hit.at < this.ttlMs) return hit.status;
    let status: string | undefined;
    try {
      status = await this.lookup(sweepId);
    } catch (error) {
      // While Postgres is away, the last known status stands: workers keep computing from cached bars.
      if (hit) return hit.status;
      throw error;
    }
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(sweepId, { status, at: now });
    return status;
  }
}
