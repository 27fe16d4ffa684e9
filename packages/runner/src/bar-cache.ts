import type { BarColumns } from '@fleet/db';

const bytesOf = (bars: BarColumns): number =>
  bars.time.byteLength +
  bars.open.byteLength +
  bars.high.byteLength +
  bars.low.byteLength +
  bars.close.byteLength +
  bars.volume.byteLength;

/** Counters of a {@link BarCache}, for logs and metrics. */
export interface BarCacheStats {
  hits: number;
  misses: number;
  evictions: number;
  entries: number;
  bytes: number;
  maxBytes: number;
}

/**
 * A least-recently-used cache of loaded bar series bounded in bytes (the sum of their typed arrays), so a worker
 * serving many symbols keeps the hot ones without growing past its budget; a series larger than the whole budget is
 * returned without being cached. Keys should include the data version (see `createSeriesLoader`), so a re-import
 * is a miss and the stale entry simply ages out. Concurrent loads of one key share a single query.
 *
 * @example
 * const cache = new BarCache(256 * 1024 * 1024);
 * const bars = await cache.get('ORCL|1d|9f0c2d1e4b7a3c55|0|1e12', () => loadBars(db, 'ORCL', '1d', 0, 1e12));
 * cache.stats(); // { hits: 0, misses: 1, evictions: 0, entries: 1, bytes: 241728, maxBytes: 268435456 }
 */
export class BarCache {
  /** Map order is recency order: the first key is the least recently used. */
  private readonly entries = new Map<string, Promise<BarColumns>>();
  private readonly sizes = new Map<string, number>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(private readonly maxBytes: number) {}

  async get(key: string, load: () => Promise<BarColumns>): Promise<BarColumns> {
    const cached = this.entries.get(key);
    if (cached) {
      this.hits += 1;
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    this.misses += 1;
    const loading = load();
    this.entries.set(key, loading);
    let bars: BarColumns;
    try {
      bars = await loading;
    } catch (error) {
      this.entries.delete(key);
      throw error;
    }
    const size = bytesOf(bars);
    if (size > this.maxBytes) {
      this.entries.delete(key);
      return bars;
    }
    this.sizes.set(key, size);
    this.bytes += size;
    this.evictUntilWithinBudget();
    return bars;
  }

  stats(): BarCacheStats {
    return {
      hits: this.hits,
      misses: this.misses,
      evictions: this.evictions,
      entries: this.sizes.size,
      bytes: this.bytes,
      maxBytes: this.maxBytes,
    };
  }

  private evictUntilWithinBudget(): void {
    for (const key of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) return;
      const size = this.sizes.get(key);
      // Still loading: its bytes are not counted yet, and a waiting caller shares its promise.
      if (size === undefined) continue;
      this.bytes -= size;
      this.sizes.delete(key);
      this.entries.delete(key);
      this.evictions += 1;
    }
  }
}
