import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countRuns, createDatabase, listBarSeries, runMetricsOf } from '@fleet/db';
import { ENGINE_VERSION } from '@fleet/engine';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FleetProcess,
  type FleetTestEnv,
  fleetTestEnv,
  lastJsonLine,
  repoRoot,
  runCli,
  startApp,
} from '../support/fleet-processes.js';
import { deleteKeysWithPrefix } from '../support/services.js';

const env: FleetTestEnv = fleetTestEnv('e2e');
const db = createDatabase({ url: env.DATABASE_URL });
const processes: FleetProcess[] = [];

describe('a sweep flows from the CLI through real workers and the aggregator into Postgres', () => {
  beforeAll(async () => {
    const imported = await runCli(
      [
        'data',
        'import',
        `${repoRoot}data/samples/orcl-1995-2014.csv`,
        `${repoRoot}data/samples/nvda-1999-2014.csv`,
        '--json',
      ],
      env,
    );
    expect(imported.code, imported.stderr).toBe(0);
    processes.push(startApp('aggregator', env), startApp('worker', env), startApp('worker', env));
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    const redis = new Redis(env.REDIS_URL);
    await deleteKeysWithPrefix(redis, env.FLEET_QUEUE_PREFIX);
    await redis.quit();
    await db.destroy();
  });

  it('stores exactly one row per planned run and closes the sweep as completed', async () => {
    const file = join(tmpdir(), `${env.FLEET_QUEUE_PREFIX}.json`);
    // 56 fast values × 3 slow values × 2 symbols = 336 runs.
    await writeFile(
      file,
      JSON.stringify({
        name: 'e2e-grid',
        symbols: ['ORCL', 'NVDA'],
        start: '2000-01-01',
        end: '2014-12-31',
        cash: 100000,
        commission: 0.001,
        strategies: [{ name: 'sma_cross', params: { fast: { from: 5, to: 60, step: 1 }, slow: [100, 150, 200] } }],
      }),
    );
    const submitted = await runCli(['sweep', 'submit', file, '--wait', '--json', '--runs-per-job', '20'], env);
    expect(submitted.code, `${submitted.stderr}\n${processes.map((p) => p.output()).join('\n')}`).toBe(0);
    const result = lastJsonLine<{ sweepId: string; total: number; status: string; succeeded: number; failed: number }>(
      submitted.stdout,
    );
    expect(result.total).toBe(336);
    expect(result.status).toBe('completed');

    const rows = await db
      .selectFrom('runs')
      .select((eb) => [
        eb.fn.countAll<number>().as('rows'),
        eb.fn.count<number>('run_index').distinct().as('keys'),
        eb.fn.max('run_index').as('last'),
      ])
      .where('sweep_id', '=', result.sweepId)
      .executeTakeFirstOrThrow();
    expect(Number(rows.rows), 'one row per planned run').toBe(336);
    expect(Number(rows.keys), 'no run stored twice').toBe(336);
    expect(Number(rows.last), 'run indexes are exactly 0..total-1').toBe(335);
    const provenance = await db
      .selectFrom('runs')
      .select(['symbol', 'data_version', 'engine_version', 'code_version'])
      .distinct()
      .where('sweep_id', '=', result.sweepId)
      .orderBy('symbol')
      .execute();
    const versions = new Map((await listBarSeries(db)).map((s) => [`${s.symbol}|${s.interval}`, s.dataVersion]));
    expect(provenance, 'every run records the data, engine and code it ran with').toEqual(
      ['NVDA', 'ORCL'].map((symbol) => ({
        symbol,
        data_version: versions.get(`${symbol}|1d`),
        engine_version: ENGINE_VERSION,
        code_version: expect.stringMatching(/^[0-9a-f]{40}(-dirty)?$/),
      })),
    );
    expect(await countRuns(db, result.sweepId), 'the sweep counters agree with the rows').toEqual({
      succeeded: result.succeeded,
      failed: result.failed,
    });

    const status = await runCli(['sweep', 'status', result.sweepId, '--json'], env);
    expect(lastJsonLine(status.stdout)).toMatchObject({
      sweepId: result.sweepId,
      status: 'completed',
      total: 336,
      succeeded: 336,
      failed: 0,
    });

    const top = await runCli(['sweep', 'results', result.sweepId, '--top', '5', '--by', 'sharpe', '--json'], env);
    const ranked = lastJsonLine<{ runs: { metrics: { sharpe: number } }[] }>(top.stdout).runs.map(
      (r) => r.metrics.sharpe,
    );
    expect(ranked).toHaveLength(5);
    expect(ranked, 'results are ranked best first').toEqual([...ranked].sort((a, b) => b - a));

    // Golden: a stored result is reproduced field for field by a local `fleet backtest` with the same settings.
    const stored = await db
      .selectFrom('runs')
      .selectAll()
      .where('sweep_id', '=', result.sweepId)
      .where('symbol', '=', 'NVDA')
      .where('closed_trades', '>', 0)
      .orderBy('run_index')
      .executeTakeFirstOrThrow();
    const local = await runCli(
      [
        'backtest',
        '--symbol',
        'NVDA',
        '--from',
        '2000-01-01',
        '--to',
        '2014-12-31',
        '--strategy',
        'sma_cross',
        '--param',
        `fast=${stored.params.fast}`,
        '--param',
        `slow=${stored.params.slow}`,
        '--commission',
        '0.001',
        '--json',
      ],
      env,
    );
    expect(local.code, local.stderr).toBe(0);
    const replay = lastJsonLine<{
      finalEquity: string;
      closedTrades: number;
      winningTrades: number;
      metrics: Record<string, number | null>;
    }>(local.stdout);
    expect(replay.finalEquity).toBe(stored.final_equity);
    expect([replay.closedTrades, replay.winningTrades]).toEqual([stored.closed_trades, stored.winning_trades]);
    expect(replay.metrics).toEqual(runMetricsOf(stored));
  });

  it('stores a swept-settings sweep whose every run equals fleet backtest with the same settings, field for field', async () => {
    const file = join(tmpdir(), `${env.FLEET_QUEUE_PREFIX}-settings.json`);
    // 2 fast values × 2 stop-losses × 2 sizing percents = 8 runs.
    await writeFile(
      file,
      JSON.stringify({
        name: 'e2e-settings',
        symbols: ['ORCL'],
        start: '2000-01-01',
        end: '2014-12-31',
        commission: 0.001,
        stopLoss: [0.02, 0.05],
        strategies: [{ name: 'sma_cross', params: { fast: [10, 20], slow: 50 }, sizePercent: [10, 50] }],
      }),
    );
    const dry = await runCli(['sweep', 'submit', file, '--dry-run', '--json'], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(lastJsonLine<{ runs: number }>(dry.stdout).runs, 'the dry run counts the setting axes').toBe(8);
    const submitted = await runCli(['sweep', 'submit', file, '--wait', '--json', '--runs-per-job', '3'], env);
    expect(submitted.code, `${submitted.stderr}\n${processes.map((p) => p.output()).join('\n')}`).toBe(0);
    const result = lastJsonLine<{ sweepId: string; total: number; status: string }>(submitted.stdout);
    expect([result.total, result.status]).toEqual([8, 'completed']);

    const stored = await db
      .selectFrom('runs')
      .selectAll()
      .where('sweep_id', '=', result.sweepId)
      .orderBy('run_index')
      .execute();
    expect(new Set(stored.map((r) => JSON.stringify(r.settings))).size, 'four setting combinations').toBe(4);
    for (const row of stored) {
      const local = await runCli(
        [
          'backtest',
          '--symbol',
          'ORCL',
          '--from',
          '2000-01-01',
          '--to',
          '2014-12-31',
          '--strategy',
          'sma_cross',
          '--param',
          `fast=${row.params.fast}`,
          '--param',
          `slow=${row.params.slow}`,
          '--commission',
          '0.001',
          '--stop-loss',
          String(row.settings.stopLoss),
          '--size-percent',
          String(row.settings.sizePercent),
          '--json',
        ],
        env,
      );
      expect(local.code, local.stderr).toBe(0);
      const replay = lastJsonLine<{
        finalEquity: string;
        closedTrades: number;
        winningTrades: number;
        metrics: Record<string, number | null>;
      }>(local.stdout);
      const run = `run ${row.run_index} ${JSON.stringify(row.settings)}`;
      expect(replay.finalEquity, run).toBe(row.final_equity);
      expect([replay.closedTrades, replay.winningTrades], run).toEqual([row.closed_trades, row.winning_trades]);
      expect(replay.metrics, run).toEqual(runMetricsOf(row));
    }
  }, 240_000);

  it('stops workers and the aggregator cleanly on SIGTERM', async () => {
    const codes = await Promise.all(processes.splice(0).map((p) => p.stop()));
    expect(codes).toEqual([0, 0, 0]);
  });
});
