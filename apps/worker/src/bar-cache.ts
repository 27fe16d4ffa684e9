import type { BarColumns } from '@fleet/db';

const bytesOf = (bars: BarColumns) => bars.length * 6 * Float64Array.BYTES_PER_ELEMENT;

/**
 * A least-recently-used cache of loaded bar series bounded in bytes, so a worker serving many symbols keeps the
 * hot ones without growing past its budget. Concurrent loads of one key share a single query.
 */
export class BarCache {
  private readonly entries = new Map<string, Promise<BarColumns>>();
  private readonly sizes = new Map<string, number>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly maxBytes: number) {}

  async get(key: string, load: () => Promise<BarColumns>): Promise<BarColumns> {
    const cached = this.entries.get(key);
    if (cached) {
      this.hits++;
      // Re-inserting moves the key to the most recently used end of the Map's insertion order.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    this.misses++;
    const loading = load();
    this.entries.set(key, loading);
    try {
      const bars = await loading;
      this.sizes.set(key, bytesOf(bars));
      this.bytes += bytesOf(bars);
      this.evict(key);
      return bars;
    } catch (error) {
      this.entries.delete(key);
      throw error;
    }
  }

  private evict(keep: string): void {
    for (const key of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) return;
      if (key === keep || !this.sizes.has(key)) continue;
      this.bytes -= this.sizes.get(key) ?? 0;
      this.sizes.delete(key);
      this.entries.delete(key);
    }
  }
}
