import { type Database, findDataVersion, type Kysely, loadBars } from '@fleet/db';
import type { BarCache } from './bar-cache.js';
import type { VersionedSeries } from './execute-run-job.js';

/**
 * The worker's series loader: asks Postgres for the series' current data version (one primary-key lookup), then
 * serves the bars from the {@link BarCache} under `symbol|interval|version|from|to`, loading them only on a miss.
 * A re-import changes the version, so no job ever runs on stale bars, and an unchanged series is never read twice.
 * The bars carry the version of the snapshot they were read from, which is what a run records. `onLookup` hears
 * whether this very call was a cache hit (for traces and metrics), however many jobs load at once.
 *
 * @example
 * const load = createSeriesLoader(db, new BarCache(256 * 1024 * 1024));
 * const series = await load('ORCL', '1d', Date.UTC(2000, 0, 1), Date.UTC(2015, 0, 1) - 1, (hit) => console.log(hit));
 */
export function createSeriesLoader(
  db: Kysely<Database>,
  cache: BarCache,
): (
  symbol: string,
  interval: string,
  from: number,
  to: number,
  onLookup?: (hit: boolean) => void,
) => Promise<VersionedSeries> {
  return async (symbol, interval, from, to, onLookup) => {
    const version = await findDataVersion(db, symbol, interval);
    if (version === undefined) {
      onLookup?.(false);
      return loadBars(db, symbol, interval, from, to);
    }
    const hitsBefore = cache.stats().hits;
    const loading = cache.get(`${symbol}|${interval}|${version}|${from}|${to}`, () =>
      loadBars(db, symbol, interval, from, to),
    );
    // get() counts a hit before its first await, so this comparison is about this lookup alone.
    onLookup?.(cache.stats().hits > hitsBefore);
    return loading;
  };
}
