import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createDatabase, createDatabaseIfMissing, dropDatabase, importBars, migrateToLatest } from '@fleet/db';
import { streamBarsFile, synthesizeBars } from '@fleet/market-data';
import { BarCache, createSeriesLoader } from '@fleet/runner';

/**
 * Data path figures in one run: `pnpm bench:data [--json]`. Imports the largest shared sample file, loads 5,000
 * synthetic daily bars cold and from the cache through the worker's loader, and imports then loads 1,000,000
 * synthetic minute bars in a child process whose peak RSS is the load's. Works in its own temporary database on the
 * server of DATABASE_URL (created, then dropped), so it never touches real data. With `--json` the last stdout line
 * is one JSON object.
 */
const REPEATS = 5;
const CACHED_LOADS = 200;
const MINUTE_BARS = 1_000_000;
const DAILY_BARS = 5_000;

const samples = fileURLToPath(new URL('../../../../data/samples/', import.meta.url));
const json = process.argv.includes('--json');
const env = {
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  BAR_CACHE_MB: Number(process.env.BAR_CACHE_MB ?? 256),
};
const url = new URL(env.DATABASE_URL);
url.pathname = `/fleet_bench_${randomBytes(4).toString('hex')}`;
const benchUrl = url.toString();

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const mb = (bytes: number): number => Math.round(bytes / 1024 / 102.4) / 10;
const format = (n: number): string => Math.round(n).toLocaleString('en-US');

await createDatabaseIfMissing(benchUrl);
const db = createDatabase({ url: benchUrl, poolMax: 2, applicationName: 'fleet-bench' });
try {
  await migrateToLatest(db);

  const largest = readdirSync(samples)
    .filter((name) => name.endsWith('.csv'))
    .map((name) => ({ path: `${samples}${name}`, size: statSync(`${samples}${name}`).size }))
    .sort((a, b) => b.size - a.size)[0];
  if (largest === undefined) throw new Error(`no sample CSV files in ${samples}`);
  const importRuns: { rows: number; seconds: number }[] = [];
  const reimportRuns: { rows: number; seconds: number }[] = [];
  for (let i = 0; i < REPEATS; i += 1) {
    for (const runs of [importRuns, reimportRuns]) {
      const started = performance.now();
      const file = await streamBarsFile(largest.path);
      const result = await importBars(db, { symbol: `${file.symbol}${i}`, interval: file.interval }, file.chunks);
      runs.push({ rows: result.rows, seconds: (performance.now() - started) / 1000 });
    }
  }
  const rowsPerSecond = (runs: typeof importRuns) => median(runs.map((r) => r.rows / r.seconds));

  await importBars(
    db,
    { symbol: 'DAILY', interval: '1d' },
    synthesizeBars({ symbol: 'DAILY', bars: DAILY_BARS, interval: '1d', seed: 1 }),
  );
  const everything = [0, Date.UTC(9999, 0, 1)] as const;
  const coldMs: number[] = [];
  for (let i = 0; i < REPEATS; i += 1) {
    const load = createSeriesLoader(db, new BarCache(env.BAR_CACHE_MB * 1024 * 1024));
    const started = performance.now();
    await load('DAILY', '1d', ...everything);
    coldMs.push(performance.now() - started);
  }
  const load = createSeriesLoader(db, new BarCache(env.BAR_CACHE_MB * 1024 * 1024));
  await load('DAILY', '1d', ...everything);
  const cachedMs: number[] = [];
  for (let i = 0; i < CACHED_LOADS; i += 1) {
    const started = performance.now();
    await load('DAILY', '1d', ...everything);
    cachedMs.push(performance.now() - started);
  }

  const synthStarted = performance.now();
  await importBars(
    db,
    { symbol: 'MINUTE', interval: '1m' },
    synthesizeBars({ symbol: 'MINUTE', bars: MINUTE_BARS, interval: '1m', seed: 1 }),
  );
  const synthSeconds = (performance.now() - synthStarted) / 1000;
  const child = fileURLToPath(new URL('./bench-load-process.js', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [
    child,
    benchUrl,
    'MINUTE',
    '1m',
    String(env.BAR_CACHE_MB),
  ]);
  const minute = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
    bars: number;
    coldMs: number;
    cachedMs: number;
    baselineRssBytes: number;
    peakRssBytes: number;
  };

  const report = {
    importFile: basename(largest.path),
    importRows: importRuns[0]?.rows ?? 0,
    importRowsPerSecond: Math.round(rowsPerSecond(importRuns)),
    reimportRowsPerSecond: Math.round(rowsPerSecond(reimportRuns)),
    dailyBars: DAILY_BARS,
    dailyColdMs: Number(median(coldMs).toFixed(2)),
    dailyCachedMs: Number(median(cachedMs).toFixed(3)),
    minuteBars: minute.bars,
    minuteImportRowsPerSecond: Math.round(MINUTE_BARS / synthSeconds),
    minuteColdMs: Math.round(minute.coldMs),
    minuteCachedMs: Number(minute.cachedMs.toFixed(3)),
    minuteColumnsMb: mb(minute.bars * 6 * Float64Array.BYTES_PER_ELEMENT),
    minuteBaselineRssMb: mb(minute.baselineRssBytes),
    minutePeakRssMb: mb(minute.peakRssBytes),
  };
  console.log(`data bench (temporary database, median of ${REPEATS} where repeated)`);
  console.log(
    `import ${report.importFile} (${format(report.importRows)} rows): ${format(report.importRowsPerSecond)} rows/s; ` +
      `re-import (no-op): ${format(report.reimportRowsPerSecond)} rows/s`,
  );
  console.log(
    `load ${format(DAILY_BARS)} daily bars: cold ${report.dailyColdMs} ms, cached ${report.dailyCachedMs} ms ` +
      `(version lookup + cache hit, median of ${CACHED_LOADS})`,
  );
  console.log(
    `import ${format(report.minuteBars)} synthetic minute bars: ${format(report.minuteImportRowsPerSecond)} rows/s`,
  );
  console.log(
    `load ${format(report.minuteBars)} minute bars: cold ${format(report.minuteColdMs)} ms, cached ${report.minuteCachedMs} ms (median of 21); ` +
      `columns ${report.minuteColumnsMb} MB, peak RSS ${report.minutePeakRssMb} MB (${report.minuteBaselineRssMb} MB before the load)`,
  );
  if (json) console.log(JSON.stringify(report));
} finally {
  await db.destroy();
  await dropDatabase(benchUrl);
}
