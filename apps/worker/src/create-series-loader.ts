import { type Database, findDataVersion, type Kysely, loadBars } from '@fleet/db';
import type { BarCache } from './bar-cache.js';
import type { SeriesLoader } from './execute-run-job.js';

/**
 * The worker's {@link SeriesLoader}: asks Postgres for the series' current data version (one primary-key lookup),
 * then serves the bars from the {@link BarCache} under `symbol|interval|version|from|to`, loading them only on a miss.
 * A re-import changes the version, so no job ever runs on stale bars, and an unchanged series is never read twice.
 * The bars carry the version of the snapshot they were read from, which is what a run records.
 *
 * @example
 * const load = createSeriesLoader(db, new BarCache(256 * 1024 * 1024));
 * const series = await load('ORCL', '1d', Date.UTC(2000, 0, 1), Date.UTC(2015, 0, 1) - 1);
 */
export function createSeriesLoader(db: Kysely<Database>, cache: BarCache): SeriesLoader {
  return async (symbol, interval, from, to) => {
    const version = await findDataVersion(db, symbol, interval);
    if (version === undefined) return loadBars(db, symbol, interval, from, to);
    return cache.get(`${symbol}|${interval}|${version}|${from}|${to}`, () => loadBars(db, symbol, interval, from, to));
  };
}
