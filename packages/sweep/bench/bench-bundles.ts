import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunJob, resolveSettings } from '@fleet/contracts';
import { createDatabase, createDatabaseIfMissing, dropDatabase, findStrategyBundle, migrateToLatest } from '@fleet/db';
import type { BarSeries } from '@fleet/engine';
import { readBarsFile } from '@fleet/market-data';
import { BundleStore, EnginePool } from '@fleet/runner';
import { bundleStrategyFile } from '@fleet/strategy-files';

/**
 * `npm run bench:bundles`: what shipping a strategy file costs. Times bundling at submit (the first bundle starts
 * esbuild's service; warm ones reuse it), a worker's first fetch of a bundle from Postgres (verify and write to disk
 * included), a memory-cache hit, a disk-cache hit (a restarted worker), and loading the bundle in an engine thread
 * (the first job of a bundle on a thread minus the same job again). Wall times on a shared machine vary with its
 * load; the ratios between them, and the CPU time beside the bundling, are what to compare. Uses a database of its
 * own and drops it afterwards.
 */
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseUrl = new URL(ADMIN_URL);
databaseUrl.pathname = `/fleet_bench_bundles_${randomBytes(4).toString('hex')}`;
const REPEATS = 5;

const strategy = (margin: number) => `import { defineStrategy, registerStrategy } from '@fleet/engine';
import { z } from 'zod';
import { scaled } from './lib/scaled.js';
registerStrategy(defineStrategy({
  name: 'bench_probe', description: 'Long above the moving average by a margin.',
  params: z.strictObject({ period: z.number().int().min(2).max(500) }),
  paramDocs: { period: 'average length' },
  create: ({ period }, setup) => {
    const average = setup.sma(period);
    return { onBar(ctx) {
      const mean = average.at(0);
      if (Number.isNaN(mean)) return;
      const above = ctx.bars.close.at(0) > scaled(mean, ${margin});
      if (above && ctx.position === 0) ctx.buy();
      else if (!above && ctx.position > 0) ctx.close();
    } };
  },
}));
`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

const dir = await mkdtemp(join(tmpdir(), 'bench-bundles-'));
await mkdir(join(dir, 'lib'));
await writeFile(join(dir, 'lib', 'scaled.ts'), 'export const scaled = (v: number, by: number): number => v * by;\n');
const file = join(dir, 'probe.ts');
await writeFile(file, strategy(1));

const cpuBefore = process.cpuUsage();
const first = await timed(() => bundleStrategyFile(file));
const warm: number[] = [];
for (let i = 0; i < REPEATS; i++) {
  await writeFile(file, strategy(1 + i / 100));
  warm.push((await timed(() => bundleStrategyFile(file))).ms);
}
const cpuUsed = process.cpuUsage(cpuBefore);
// This process's CPU only: esbuild's service is a child process of its own.
const bundleCpuMs = (cpuUsed.user + cpuUsed.system) / 1000;
const bundle = first.value;

const file_ = await readBarsFile(new URL('../../../../data/samples/orcl-1995-2014.csv', import.meta.url).pathname);
const n = file_.bars.length;
const column = () => new Float64Array(n);
const series: BarSeries = {
  symbol: 'ORCL',
  interval: '1d',
  length: n,
  time: column(),
  open: column(),
  high: column(),
  low: column(),
  close: column(),
  volume: column(),
};
file_.bars.forEach((b, i) => {
  series.time[i] = b.time;
  series.open[i] = Number(b.open);
  series.high[i] = Number(b.high);
  series.low[i] = Number(b.low);
  series.close[i] = Number(b.close);
  series.volume[i] = Number(b.volume);
});

await createDatabaseIfMissing(databaseUrl.toString());
const db = createDatabase({ url: databaseUrl.toString() });
const figures: Record<string, number> = {};
try {
  await migrateToLatest(db);
  await db
    .insertInto('strategy_bundles')
    .values({ hash: bundle.hash, file_name: bundle.fileName, source: bundle.source, bundle: bundle.bundle })
    .execute();
  const cache = join(dir, 'cache');
  const fetchBundle = async (hash: string) => (await findStrategyBundle(db, hash))?.bundle;
  const store = new BundleStore(fetchBundle, cache);
  const fetched = await timed(() => store.get(bundle.hash));
  const memory: number[] = [];
  for (let i = 0; i < REPEATS; i++) memory.push((await timed(() => store.get(bundle.hash))).ms);
  const disk: number[] = [];
  for (let i = 0; i < REPEATS; i++)
    disk.push((await timed(() => new BundleStore(fetchBundle, cache).get(bundle.hash))).ms);

  const job: RunJob = {
    sweepId: randomUUID(),
    strategy: 'bench_probe',
    strategyBundle: bundle.hash,
    symbol: 'ORCL',
    interval: '1d',
    start: '1995-01-01',
    end: '2014-12-31',
    settings: resolveSettings({}),
    runs: [{ index: 0, params: { period: 50 } }],
  };
  const provenance = { engineVersion: 'bench', codeVersion: 'bench', dataVersion: '0123456789abcdef' };
  const plain = { runTimeoutMs: 60_000, isolateCrashes: false, provenance };
  const options = { ...plain, bundle: bundle.bundle };
  const loads: number[] = [];
  let runMs = 0;
  for (let i = 0; i < REPEATS; i++) {
    // A fresh pool of one thread per repetition: its first job loads the bundle, the second only runs.
    const pool = new EnginePool({ size: 1, bundleDir: cache });
    // A built-in's run first, so the thread is started and the engine warm before the bundle's first job.
    const { strategyBundle: _bundle, ...builtin } = job;
    await pool.evaluate(
      { ...builtin, strategy: 'sma_cross', runs: [{ index: 0, params: { fast: 5, slow: 20 } }] },
      series,
      plain,
    );
    const withLoad = await timed(() => pool.evaluate(job, series, options));
    const runOnly = await timed(() => pool.evaluate(job, series, options));
    const [outcome] = withLoad.value;
    if (outcome?.status !== 'succeeded') throw new Error(`bench run failed: ${JSON.stringify(outcome)}`);
    loads.push(withLoad.ms - runOnly.ms);
    runMs = runOnly.ms;
    await pool.close();
  }
  Object.assign(figures, {
    bundleFirstMs: first.ms,
    bundleWarmMs: median(warm),
    bundleCpuMsPerFile: bundleCpuMs / (REPEATS + 1),
    bundleBytes: Buffer.byteLength(bundle.bundle),
    workerFirstFetchMs: fetched.ms,
    memoryHitMs: median(memory),
    diskHitMs: median(disk),
    threadLoadMs: median(loads),
    threadRunMs: runMs,
  });
} finally {
  await db.destroy();
  await dropDatabase(databaseUrl.toString());
  await rm(dir, { recursive: true, force: true });
}

const f = (ms: number | undefined) => `${(ms ?? 0).toFixed(3)} ms`;
console.log(`strategy bundles (${figures.bundleBytes} bytes; wall times on a shared machine, medians of ${REPEATS})`);
console.log(`  bundle at submit, first (starts esbuild)  ${f(figures.bundleFirstMs)}`);
console.log(
  `  bundle at submit, warm                    ${f(figures.bundleWarmMs)}   (CPU of this process, esbuild's excluded: ${f(figures.bundleCpuMsPerFile)} per file)`,
);
console.log(`  worker first fetch (Postgres + verify + disk write)  ${f(figures.workerFirstFetchMs)}`);
console.log(`  memory-cache hit                          ${f(figures.memoryHitMs)}`);
console.log(`  disk-cache hit (restarted worker)         ${f(figures.diskHitMs)}`);
console.log(
  `  load in an engine thread                  ${f(figures.threadLoadMs)}   (one 5,000-bar run: ${f(figures.threadRunMs)})`,
);
console.log(JSON.stringify({ bench: 'bundles', ...figures }));
