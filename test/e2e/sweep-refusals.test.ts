import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, createSweep, storeRunOutcomes } from '@fleet/db';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FleetTestEnv, fleetTestEnv, lastJsonLine, repoRoot, runCli } from '../support/fleet-processes.js';
import { deleteKeysWithPrefix } from '../support/services.js';

const env: FleetTestEnv = fleetTestEnv('refuse');
const db = createDatabase({ url: env.DATABASE_URL });
const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
/** Symbols of this file only, so files sharing the run's database never see each other's series. */
const tag = `R${env.FLEET_QUEUE_PREFIX.slice(-4).toUpperCase()}`;
const ORCL = `${tag}ORCL`;
const EURUSD = `${tag}EUR`;

const base = {
  symbols: [ORCL],
  start: '2005-01-01',
  end: '2012-12-31',
  strategies: [{ name: 'sma_cross', params: { fast: { from: 2, to: 40, step: 2 }, slow: [50, 100, 150] } }],
};
let files = 0;
async function sweepFile(content: unknown): Promise<string> {
  const path = join(tmpdir(), `${env.FLEET_QUEUE_PREFIX}-${files++}.json`);
  await writeFile(path, JSON.stringify(content));
  return path;
}
const keysUnderPrefix = async () => (await redis.keys(`${env.FLEET_QUEUE_PREFIX}*`)).length;
const sweepsNamed = async (name: string) =>
  (await db.selectFrom('sweeps').select('id').where('name', '=', name).execute()).length;

beforeAll(async () => {
  for (const [file, symbol] of [
    ['orcl-1995-2014.csv', ORCL],
    ['eurusd-2017-1h.csv', EURUSD],
  ] as const) {
    const imported = await runCli(['data', 'import', `${repoRoot}data/samples/${file}`, '--symbol', symbol], env);
    expect(imported.code, imported.stderr).toBe(0);
  }
});

afterAll(async () => {
  await deleteKeysWithPrefix(redis, env.FLEET_QUEUE_PREFIX);
  await redis.quit();
  await db.destroy();
});

describe('refusals that once took minutes, or never came, are immediate and write nothing', () => {
  it('refuses the typo file (step 0.0001 over an integer period, 18 million combinations) from its domain', async () => {
    const typo = (await import('node:fs/promises')).readFile(`${repoRoot}test/fixtures/typo-step-sweep.yaml`, 'utf8');
    const file = join(tmpdir(), `${env.FLEET_QUEUE_PREFIX}-typo.yaml`);
    await writeFile(file, (await typo).replace('[ORCL]', `[${ORCL}]`));
    const r = await runCli(['sweep', 'submit', file], env);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `error: ${file}: strategies[0].params.fast.step: 0.0001 is not an integer; fast of sma_cross takes integers only`,
    );
    expect(await sweepsNamed('typo-step')).toBe(0);
    expect(await keysUnderPrefix()).toBe(0);
  });

  it('refuses a sweep over --max-runs by its exact count before enumerating it', async () => {
    const file = await sweepFile({
      ...base,
      name: 'too-many',
      strategies: [
        {
          name: 'rsi_reversion',
          params: { low: { from: 10, to: 40, step: 0.0001 }, high: { from: 60, to: 90, step: 1 } },
        },
      ],
    });
    const r = await runCli(['sweep', 'submit', file], env);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `error: ${file}: the sweep has 9,300,031 runs, over the limit of 1,000,000 (raise it with --max-runs)`,
    );
    expect(await sweepsNamed('too-many')).toBe(0);
  });

  it('refuses a where that prunes every combination instead of completing a 0-run sweep', async () => {
    const file = await sweepFile({
      ...base,
      name: 'pruned',
      strategies: [{ name: 'sma_cross', params: { fast: [10, 20], slow: [50, 100] }, where: 'fast > slow' }],
    });
    const r = await runCli(['sweep', 'submit', file], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'strategies[0].where: prunes all 4 combinations of sma_cross, so the sweep would run nothing',
    );
    expect(await sweepsNamed('pruned')).toBe(0);
    expect(await keysUnderPrefix()).toBe(0);
  });

  it('refuses an oversized job before the sweep row or any chunk is written', async () => {
    const file = await sweepFile({
      ...base,
      name: 'oversized',
      strategies: [
        { name: 'sma_cross', params: { fast: { from: 1, to: 100, step: 1 }, slow: { from: 101, to: 200, step: 1 } } },
      ],
    });
    const r = await runCli(['sweep', 'submit', file, '--runs-per-job', '10000'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /job 0 would be \d+ bytes, over the 262144-byte limit; submit with a smaller --runs-per-job/,
    );
    expect(await sweepsNamed('oversized'), 'no sweep row').toBe(0);
    expect(await keysUnderPrefix(), 'no job').toBe(0);
  });

  it('names the intervals a symbol has when the sweep asks for another, and runs date-times within a day', async () => {
    const daily = await sweepFile({
      ...base,
      name: 'intraday',
      symbols: [EURUSD],
      start: '2017-05-01',
      end: '2017-06-01',
    });
    const refused = await runCli(['sweep', 'submit', daily], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`symbols: no 1d bars for ${EURUSD}; ${EURUSD} has 1h bars: set interval: 1h`);
    const hourly = await sweepFile({
      ...base,
      name: 'intraday',
      symbols: [EURUSD],
      interval: '1h',
      start: '2017-05-02T00:00:00Z',
      end: '2017-05-31T12:00:00Z',
    });
    const dry = await runCli(['sweep', 'submit', hourly, '--dry-run', '--json'], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(lastJsonLine(dry.stdout)).toMatchObject({ dryRun: true, runs: 60 });
  });
});

describe('sweep ids as the dashboard shows them, failures, and series in use', () => {
  const spec = { ...base, name: 'seeded', interval: '1d', symbols: [ORCL] };
  const seed = async (id: string, name = 'seeded') =>
    createSweep(db, { id, idempotencyKey: null, name, spec: { ...spec, name }, total: 60, jobs: 3, runsPerJob: 20 });

  it('accepts a unique prefix of a sweep id and lists the candidates of an ambiguous one', async () => {
    await seed('abcd0000-0000-4000-8000-000000000001', 'first');
    await seed('abcd1111-0000-4000-8000-000000000002', 'second');
    const unique = await runCli(['sweep', 'status', 'abcd1111', '--json'], env);
    expect(unique.code, unique.stderr).toBe(0);
    expect(lastJsonLine(unique.stdout)).toMatchObject({ sweepId: 'abcd1111-0000-4000-8000-000000000002' });
    const ambiguous = await runCli(['sweep', 'status', 'abcd'], env);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toMatch(
      /^error: sweep id 'abcd' matches 2 sweeps: abcd1111-0000-4000-8000-000000000002 'second' \(.+\), abcd0000-0000-4000-8000-000000000001 'first' \(.+\); give more characters\n$/,
    );
    const none = await runCli(['sweep', 'export', 'ffff0000'], env);
    expect(none.stderr).toBe('error: no sweep with id ffff0000\n');
    const cancelled = await runCli(['sweep', 'cancel', 'abcd0000', '--json'], env);
    expect(lastJsonLine(cancelled.stdout)).toMatchObject({ status: 'cancelled' });
  });

  it('lists failure reasons with counts and examples, summarizes them in status, and keeps exact money in exports', async () => {
    const id = 'fa110000-0000-4000-8000-000000000003';
    await seed(id, 'failures');
    const identity = (runIndex: number) => ({
      sweepId: id,
      runIndex,
      strategy: 'sma_cross',
      symbol: ORCL,
      params: { fast: 2 + 2 * (runIndex % 20), slow: 50 },
      durationMs: 1,
      engineVersion: '1.0.0',
      codeVersion: 'test',
    });
    await storeRunOutcomes(db, [
      ...[0, 1, 2, 3, 4].map((i) => ({
        ...identity(i),
        status: 'failed' as const,
        error: { name: 'TimeoutError', code: 'RUN_TIMEOUT', message: `run ${i} took longer than 10000 ms` },
      })),
      ...[7, 9].map((i) => ({
        ...identity(i),
        status: 'failed' as const,
        error: { name: 'InvalidDataError', code: 'INVALID_DATA', message: 'high < close on 2006-01-04' },
      })),
      {
        ...identity(10),
        status: 'succeeded' as const,
        dataVersion: '0123456789abcdef',
        finalEquity: '104523.455001',
        closedTrades: 3,
        winningTrades: 2,
        metrics: {
          totalReturn: 0.0452345,
          cagr: 0.01,
          volatility: 0.2,
          sharpe: 1.23456,
          sortino: 1.5,
          maxDrawdown: 0.1,
          maxDrawdownDuration: 10,
          calmar: 0.1,
          winRate: 2 / 3,
          profitFactor: 1.5,
          averageTrade: 10,
          exposure: 0.5,
          excessReturn: -0.1,
          barSharpe: 0.07,
        },
      },
    ]);
    await db.updateTable('sweeps').set({ failed: 7, succeeded: 1, status: 'running' }).where('id', '=', id).execute();

    const json = await runCli(['sweep', 'failures', id.slice(0, 8), '--json'], env);
    expect(json.code, json.stderr).toBe(0);
    expect(lastJsonLine(json.stdout)).toEqual({
      sweepId: id,
      name: 'failures',
      failed: 7,
      reasons: [
        {
          name: 'TimeoutError',
          code: 'RUN_TIMEOUT',
          runs: 5,
          exampleRuns: [0, 1, 2],
          message: 'run 0 took longer than 10000 ms',
        },
        {
          name: 'InvalidDataError',
          code: 'INVALID_DATA',
          runs: 2,
          exampleRuns: [7, 9],
          message: 'high < close on 2006-01-04',
        },
      ],
    });
    const human = await runCli(['sweep', 'failures', id], env);
    expect(human.stdout).toContain(`sweep ${id} 'failures': 7 failed runs, 2 reasons`);
    expect(human.stdout).toMatch(/5 +TimeoutError\/RUN_TIMEOUT +0, 1, 2 +run 0 took longer than 10000 ms/);

    const status = await runCli(['sweep', 'status', id], env);
    expect(status.stdout).toContain(
      `failures: 5 TimeoutError/RUN_TIMEOUT (e.g. run 0: run 0 took longer than 10000 ms); 2 InvalidDataError/INVALID_DATA (e.g. run 7: high < close on 2006-01-04) (details: fleet sweep failures ${id})`,
    );

    const table = await runCli(['sweep', 'results', id], env);
    expect(table.stdout, 'money to cents, half-even, grouped').toContain('104,523.46');
    expect(table.stdout, 'metrics with two decimals').toMatch(/104,523\.46 +3 +4\.52% +1\.23 +10\.00% +66\.67%/);
    const csv = await runCli(['sweep', 'export', id, '--format', 'csv'], env);
    expect(csv.stdout, 'exports keep the exact value').toContain('104523.455001');
  });

  it('deletes a series, but not while a running sweep uses it', async () => {
    const symbol = `${tag}DEL`;
    const imported = await runCli(
      ['data', 'import', `${repoRoot}data/samples/nvda-1999-2014.csv`, '--symbol', symbol],
      env,
    );
    expect(imported.code, imported.stderr).toBe(0);
    const id = 'de100000-0000-4000-8000-000000000004';
    await createSweep(db, {
      id,
      idempotencyKey: null,
      name: 'pins',
      spec: { ...spec, name: 'pins', symbols: [symbol] },
      total: 60,
      jobs: 3,
      runsPerJob: 20,
    });
    const refused = await runCli(['data', 'delete', symbol], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `error: ${symbol} is used by 1 running sweep: ${id} 'pins' (1d); cancel it or wait for it to finish\n`,
    );
    expect(await runCli(['data', 'delete', symbol, '--interval', '1h'], env)).toMatchObject({
      code: 1,
      stderr: `error: no stored bars for ${symbol} at 1h\n`,
    });
    await runCli(['sweep', 'cancel', id], env);
    const deleted = await runCli(['data', 'delete', symbol, '--json'], env);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(lastJsonLine(deleted.stdout)).toEqual({ deleted: [{ symbol, interval: '1d', bars: 4012 }] });
    const listed = lastJsonLine<{ series: { symbol: string }[] }>(
      (await runCli(['data', 'list', '--json'], env)).stdout,
    );
    expect(listed.series.map((s) => s.symbol)).not.toContain(symbol);
  });
});
