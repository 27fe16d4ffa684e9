import type { BarColumns } from '@fleet/db';
import { LRUCache } from 'lru-cache';

const bytesOf = (bars: BarColumns): number =>
  bars.time.byteLength +
  bars.open.byteLength +
  bars.high.byteLength +
  bars.low.byteLength +
  bars.close.byteLength +
  bars.volume.byteLength;

type Load = () => Promise<BarColumns>;

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
 * is a miss and the stale entry simply ages out. Concurrent loads of one key share a single query, and a failed
 * load is forgotten. Built on `lru-cache`, whose `fetch` gives the shared in-flight loads.
 *
 * @example
 * const cache = new BarCache(256 * 1024 * 1024);
 * const bars = await cache.get('ORCL|1d|9f0c2d1e4b7a3c55|0|1e12', () => loadBars(db, 'ORCL', '1d', 0, 1e12));
 * cache.stats(); // { hits: 0, misses: 1, evictions: 0, entries: 1, bytes: 241728, maxBytes: 268435456 }
 */
export class BarCache {
  private readonly cache: LRUCache<string, BarColumns, Load>;
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(private readonly maxBytes: number) {
    this.cache = new LRUCache({
      maxSize: maxBytes,
      // lru-cache needs a positive size; an empty series weighs one byte.
      sizeCalculation: (bars) => Math.max(1, bytesOf(bars)),
      fetchMethod: (_key, _stale, { context: load }) => load(),
      // An in-flight load pushed out by a big neighbour still answers its callers; it is just not kept.
      ignoreFetchAbort: true,
      dispose: (_bars, _key, reason) => {
        if (reason === 'evict') this.evictions += 1;
      },
    });
  }

  /** The series under `key`, from memory when it is there or on its way, else from `load`. */
  get(key: string, load: Load): Promise<BarColumns> {
    const status: LRUCache.Status<string, BarColumns, Load> = {};
    const loading = this.cache.fetch(key, { context: load, status });
    // fetch sets the status before its first await, so a caller reading stats() right after sees this lookup counted.
    if (status.fetch === 'miss') this.misses += 1;
    else this.hits += 1;
    // fetchMethod never resolves undefined and aborts are ignored, so every fetch ends with the bars or the load's error.
    return loading as Promise<BarColumns>;
  }

  /** The counters now; `entries` and `bytes` include loads still in flight (one byte each). */
  stats(): BarCacheStats {
    return {
      hits: this.hits,
      misses: this.misses,
      evictions: this.evictions,
      entries: this.cache.size,
      bytes: this.cache.calculatedSize,
      maxBytes: this.maxBytes,
    };
  }
}
