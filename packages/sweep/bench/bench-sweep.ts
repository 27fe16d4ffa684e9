import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { type RunMetrics, type RunOutcome, StatisticNames, SweepSpec } from '@fleet/contracts';
import {
  createDatabase,
  createDatabaseIfMissing,
  dropDatabase,
  importBars,
  listBarSeries,
  migrateToLatest,
  storeRunOutcomes,
} from '@fleet/db';
import { listStrategies, parseStrategyParams } from '@fleet/engine';
import { readBarsFile } from '@fleet/market-data';
import { findCombinationProblems, findSweepProblems, SweepPlan } from '@fleet/planning';
import { createRedisConnection, createRunQueue } from '@fleet/queue';
import { exportRuns, submitSweep } from '@fleet/sweep';

/**
 * `pnpm bench:sweep [--json]`: the producer's path for a 1,000,000-run sweep (validate up to 100,000 combinations spread over the grid, count,
 * stream jobs into Redis with addBulk) with its enqueue rate and peak memory, then the aggregator's store rate and the
 * export rate of a 100,000-run sweep. It uses a database and a Redis key prefix of its own and removes both afterwards.
 */
const json = process.argv.includes('--json');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const id = randomBytes(4).toString('hex');
const databaseUrl = new URL(ADMIN_URL);
databaseUrl.pathname = `/fleet_bench_${id}`;
const prefix = `fleet-bench-${id}`;
const say = (line: string) => !json && process.stdout.write(`${line}\n`);

await createDatabaseIfMissing(databaseUrl.toString());
const db = createDatabase({ url: databaseUrl.toString() });
const redis = createRedisConnection(REDIS_URL, 'blocking');
const queue = createRunQueue(redis, prefix);
try {
  await migrateToLatest(db);
  const orcl = await readBarsFile(
    fileURLToPath(new URL('../../../../data/samples/orcl-1995-2014.csv', import.meta.url)),
  );
  const { dataVersion } = await importBars(db, { symbol: 'ORCL', interval: '1d' }, [orcl.bars]);
  if (dataVersion === null) throw new Error('importing ORCL stored no bars');

  const spec = SweepSpec.parse({
    name: 'bench-1m',
    symbols: ['ORCL'],
    start: '2000-01-01',
    end: '2014-12-31',
    strategies: [
      { name: 'sma_cross', params: { fast: { from: 1, to: 1000, step: 1 }, slow: { from: 1001, to: 2000, step: 1 } } },
    ],
  });
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const problems = findSweepProblems(spec, {
    strategies: listStrategies(),
    series: (await listBarSeries(db)).map((s) => ({ ...s, from: new Date(s.from), to: new Date(s.to) })),
    parseParams: parseStrategyParams,
  });
  problems.push(...findCombinationProblems(spec, { parseParams: parseStrategyParams }));
  if (problems.length) throw new Error(problems.join('; '));
  const validated = performance.now();
  const rssAfterValidateMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const plan = new SweepPlan(spec, randomUUID(), { runsPerJob: 50 });
  const submitted = await submitSweep({ db, queue, spec, plan });
  const enqueueSeconds = (performance.now() - validated) / 1000;
  const totalSeconds = (performance.now() - started) / 1000;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const submit = {
    runs: submitted.total,
    jobs: submitted.jobs,
    validateSeconds: Number(((validated - started) / 1000).toFixed(2)),
    enqueueSeconds: Number(enqueueSeconds.toFixed(2)),
    runsEnqueuedPerSecond: Math.round(submitted.total / enqueueSeconds),
    jobsEnqueuedPerSecond: Math.round(submitted.jobs / enqueueSeconds),
    totalSeconds: Number(totalSeconds.toFixed(2)),
    peakRssMb: Math.round(peakRssMb),
    rssBeforeMb: Math.round(rssBefore / 1024 / 1024),
    peakRssAfterValidateMb: rssAfterValidateMb,
  };
  say(
    `submit 1,000,000 runs: validated in ${submit.validateSeconds} s, enqueued ${submit.jobs} jobs in ${submit.enqueueSeconds} s`,
  );
  say(
    `  ${submit.runsEnqueuedPerSecond} runs/s (${submit.jobsEnqueuedPerSecond} jobs/s), peak RSS ${submit.peakRssMb} MB`,
  );
  await queue.obliterate({ force: true });

  const exportSweepId = randomUUID();
  const exportSpec = { ...spec, name: 'bench-export' };
  await db
    .insertInto('sweeps')
    .values({
      id: exportSweepId,
      name: 'bench-export',
      spec: JSON.stringify(exportSpec),
      total: 100_000,
      jobs: 2_000,
      runs_per_job: 50,
    })
    .execute();
  // Stored as the aggregator stores them: batches of its default AGGREGATOR_BATCH_SIZE, one transaction each (a
  // batch of thousands of rows would pass Postgres's 65,535 bind parameters in one INSERT).
  const storeStarted = performance.now();
  // Whole numbers fit every metric column, integer ones included; only the row size matters here.
  const metrics = Object.fromEntries(StatisticNames.map((name, i) => [name, i + 1])) as RunMetrics;
  for (let start = 0; start < 100_000; start += 500) {
    const batch = Array.from(
      { length: 500 },
      (_, i): RunOutcome => ({
        sweepId: exportSweepId,
        runIndex: start + i,
        strategy: 'sma_cross',
        symbol: 'ORCL',
        params: { fast: 1 + ((start + i) % 1000), slow: 1001 + Math.floor((start + i) / 1000) },
        durationMs: 1,
        engineVersion: '1.0.0',
        codeVersion: 'bench',
        status: 'succeeded',
        dataVersion,
        finalEquity: '101234.5678',
        closedTrades: 42,
        winningTrades: 17,
        metrics,
      }),
    );
    await storeRunOutcomes(db, batch);
  }
  const storeSeconds = (performance.now() - storeStarted) / 1000;
  const stored = {
    rows: 100_000,
    seconds: Number(storeSeconds.toFixed(2)),
    rowsPerSecond: Math.round(100_000 / storeSeconds),
  };
  say(`store 100,000 runs in batches of 500: ${stored.seconds} s, ${stored.rowsPerSecond} rows/s`);
  let bytes = 0;
  const exportStarted = performance.now();
  const rows = await exportRuns(db, exportSweepId, 'csv', async (chunk) => {
    bytes += chunk.length;
  });
  const exportSeconds = (performance.now() - exportStarted) / 1000;
  const exported = {
    rows,
    seconds: Number(exportSeconds.toFixed(2)),
    rowsPerSecond: Math.round(rows / exportSeconds),
    megabytes: Number((bytes / 1e6).toFixed(1)),
  };
  say(`export 100,000 runs as CSV: ${exported.seconds} s, ${exported.rowsPerSecond} rows/s, ${exported.megabytes} MB`);
  if (json) process.stdout.write(`${JSON.stringify({ submit, store: stored, export: exported })}\n`);
} finally {
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await redis.quit();
  await db.destroy();
  await dropDatabase(databaseUrl.toString());
}
