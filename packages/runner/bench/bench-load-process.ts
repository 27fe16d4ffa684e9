import { createDatabase } from '@fleet/db';
import { BarCache, createSeriesLoader } from '@fleet/runner';

/**
 * Child process of `pnpm bench:data`: loads one series cold (and once more from the cache) through the worker's own
 * loader in a fresh process, so the peak RSS it reports belongs to the load alone and not to the bench's imports.
 * Arguments: database URL, symbol, interval, cache budget in MiB. Prints one JSON line; the cached time is the
 * median of {@link CACHED_LOADS} hits.
 */
const CACHED_LOADS = 21;
const [url = '', symbol = '', interval = '', cacheMb = '256'] = process.argv.slice(2);
const db = createDatabase({ url, poolMax: 2, applicationName: 'fleet-bench' });
const load = createSeriesLoader(db, new BarCache(Number(cacheMb) * 1024 * 1024));
const range = [0, Date.UTC(9999, 0, 1)] as const;
// Connect and warm the query path on a series that does not exist, so the cold load times the bars alone.
await load('BENCH-NONE', interval, ...range);
const baselineRssBytes = process.memoryUsage.rss();

const coldStart = performance.now();
const bars = await load(symbol, interval, ...range);
const coldMs = performance.now() - coldStart;
const cachedRuns: number[] = [];
for (let i = 0; i < CACHED_LOADS; i += 1) {
  const started = performance.now();
  await load(symbol, interval, ...range);
  cachedRuns.push(performance.now() - started);
}
const cachedMs = cachedRuns.sort((a, b) => a - b)[Math.floor(CACHED_LOADS / 2)] ?? Number.NaN;

await db.destroy();
console.log(
  JSON.stringify({
    bars: bars.length,
    coldMs,
    cachedMs,
    baselineRssBytes,
    // resourceUsage reports kilobytes; the peak over the process's life, which is dominated by the load.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
