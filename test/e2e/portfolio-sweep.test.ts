import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase } from '@fleet/db';
import { replayRun } from '@fleet/sweep';
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

// Workers run with no strategy module on their path: a portfolio strategy file ships with its sweep.
const env: FleetTestEnv = fleetTestEnv('portfolio-sweep', { FLEET_STRATEGY_MODULES: '' });
const db = createDatabase({ url: env.DATABASE_URL });
const processes: FleetProcess[] = [];
const files = ['orcl-1995-2014', 'nvda-1999-2014', 'yhoo-1996-2014', 'goog-2004-2013'];

/** The check as a sweep: four symbols 2004-08-19…2013-03-01, 100,000 cash, 0.1 % commission. */
const sweep = (name: string, universes: Record<string, string[]>) => ({
  name,
  symbols: ['ORCL'],
  universes,
  start: '2004-08-19',
  end: '2013-03-01',
  cash: 100000,
  commission: 0.001,
  strategies: [
    { name: 'equal_weight', params: { rebalance: [21, 42] } },
    { name: 'sma_cross', params: { fast: 10, slow: 30 } },
  ],
});

async function writeSweep(name: string, spec: unknown): Promise<string> {
  const file = join(tmpdir(), `${env.FLEET_QUEUE_PREFIX}-${name}.json`);
  await writeFile(file, JSON.stringify(spec));
  return file;
}

describe('a portfolio sweep runs once per parameter set × universe through real workers', () => {
  beforeAll(async () => {
    env.FLEET_BUNDLE_DIR = await mkdtemp(join(tmpdir(), `${env.FLEET_QUEUE_PREFIX}-bundles-`));
    const imported = await runCli(
      ['data', 'import', ...files.map((f) => `${repoRoot}data/samples/${f}.csv`), '--json'],
      env,
    );
    expect(imported.code, imported.stderr).toBe(0);
    processes.push(startApp('aggregator', env), startApp('worker', env));
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    const redis = new Redis(env.REDIS_URL);
    await deleteKeysWithPrefix(redis, env.FLEET_QUEUE_PREFIX);
    await redis.quit();
    await db.destroy();
  });

  it('stores the golden row of the issue check, with its universe and per-symbol summary', async () => {
    const file = await writeSweep(
      'golden',
      sweep('portfolio-golden', { tech: ['NVDA', 'ORCL', 'YHOO'], all: ['ORCL', 'NVDA', 'YHOO', 'GOOG'] }),
    );
    const submitted = await runCli(['sweep', 'submit', file, '--wait', '--json'], env);
    expect(submitted.code, `${submitted.stderr}\n${processes.map((p) => p.output()).join('\n')}`).toBe(0);
    const result = lastJsonLine<{ sweepId: string; total: number; status: string; failed: number }>(submitted.stdout);
    expect(result, '2 rebalances × 2 universes + sma_cross on ORCL').toMatchObject({
      total: 5,
      status: 'completed',
      failed: 0,
    });

    const rows = await db
      .selectFrom('runs')
      .select([
        'run_index',
        'strategy',
        'symbol',
        'universe',
        'params',
        'final_equity',
        'closed_trades',
        'symbol_summary',
      ])
      .where('sweep_id', '=', result.sweepId)
      .orderBy('run_index')
      .execute();
    expect(rows.map((r) => [r.strategy, r.universe, r.symbol, r.params])).toEqual([
      ['equal_weight', 'all', 'GOOG,NVDA,ORCL,YHOO', { rebalance: 21 }],
      ['equal_weight', 'all', 'GOOG,NVDA,ORCL,YHOO', { rebalance: 42 }],
      ['equal_weight', 'tech', 'NVDA,ORCL,YHOO', { rebalance: 21 }],
      ['equal_weight', 'tech', 'NVDA,ORCL,YHOO', { rebalance: 42 }],
      ['sma_cross', null, 'ORCL', { fast: 10, slow: 30 }],
    ]);
    const golden = rows[0];
    expect(golden?.final_equity, 'the check figure of fleet backtest, stored by the fleet').toBe('397204.858320833');
    expect(golden?.closed_trades).toBe(0);
    expect(golden?.symbol_summary).toEqual([
      {
        symbol: 'GOOG',
        pnl: '125389.29201',
        commission: '391.19799',
        fills: 98,
        closedTrades: 0,
        exposure: 0.999534450651769,
        finalUnits: '122',
      },
      {
        symbol: 'NVDA',
        pnl: '91069.212973613',
        commission: '572.489891387',
        fills: 103,
        closedTrades: 0,
        exposure: 0.999534450651769,
        finalUnits: '7826',
      },
      {
        symbol: 'ORCL',
        pnl: '78968.400485141',
        commission: '338.252820859',
        fills: 101,
        closedTrades: 0,
        exposure: 0.999534450651769,
        finalUnits: '2819',
      },
      {
        symbol: 'YHOO',
        pnl: '1777.952852079',
        commission: '424.033917921',
        fills: 100,
        closedTrades: 0,
        exposure: 0.999534450651769,
        finalUnits: '4617',
      },
    ]);
    expect(rows[4]?.symbol_summary, 'a single-symbol run has no per-symbol summary').toBeNull();

    const tech = await runCli(
      ['sweep', 'results', result.sweepId, '--where', "universe = 'tech'", '--by', 'finalEquity', '--json'],
      env,
    );
    expect(tech.code, tech.stderr).toBe(0);
    const ranked = lastJsonLine<{ runs: { universe: string; symbolSummary: { symbol: string }[] }[] }>(
      tech.stdout,
    ).runs;
    expect(ranked.map((r) => r.universe)).toEqual(['tech', 'tech']);
    expect(ranked[0]?.symbolSummary.map((s) => s.symbol)).toEqual(['NVDA', 'ORCL', 'YHOO']);

    const csv = await runCli(['sweep', 'export', result.sweepId], env);
    const firstRow = csv.stdout.split('\n')[1] ?? '';
    expect(csv.stdout.split('\n')[0]).toMatch(/^run_index,strategy,symbol,universe,status,.*,symbol_summary,/);
    expect(firstRow).toMatch(/^0,equal_weight,"GOOG,NVDA,ORCL,YHOO",all,succeeded,.*,"?GOOG:125389\.29201:98:0\.99953/);
    const jsonl = await runCli(['sweep', 'export', result.sweepId, '--format', 'jsonl'], env);
    const exported = JSON.parse(jsonl.stdout.split('\n')[0] ?? '{}');
    expect(exported).toMatchObject({ universe: 'all', finalEquity: '397204.858320833' });
    expect(exported.symbolSummary).toEqual(golden?.symbol_summary);
    // Submits, runs and ranks through real processes on a loaded machine: more room than the 60 s default.
  }, 240_000);

  it('runs a portfolio strategy file once per universe, ending where the built-in it copies ends', async () => {
    const copy = `${repoRoot}examples/strategies/equal_weight_copy.ts`;
    const file = await writeSweep('file', {
      ...sweep('portfolio-file', { all: ['ORCL', 'NVDA', 'YHOO', 'GOOG'] }),
      strategies: [
        { file: copy, params: { rebalance: [21] } },
        { name: 'equal_weight', params: { rebalance: [21] } },
      ],
    });
    const submitted = await runCli(['sweep', 'submit', file, '--wait', '--json'], env);
    expect(submitted.code, `${submitted.stderr}\n${processes.map((p) => p.output()).join('\n')}`).toBe(0);
    const result = lastJsonLine<{ sweepId: string; total: number; status: string; failed: number }>(submitted.stdout);
    expect(result, 'one run per strategy over the one universe').toMatchObject({
      total: 2,
      status: 'completed',
      failed: 0,
    });
    const rows = await db
      .selectFrom('runs')
      .select(['run_index', 'strategy', 'strategy_bundle', 'universe', 'symbol', 'final_equity'])
      .where('sweep_id', '=', result.sweepId)
      .orderBy('run_index')
      .execute();
    expect(rows.map((r) => [r.strategy, r.strategy_bundle !== null, r.universe, r.symbol])).toEqual([
      ['equal_weight_copy', true, 'all', 'GOOG,NVDA,ORCL,YHOO'],
      ['equal_weight', false, 'all', 'GOOG,NVDA,ORCL,YHOO'],
    ]);
    expect(rows[0]?.final_equity).toBe('397204.858320833');
    expect(rows[1]?.final_equity).toBe('397204.858320833');
    const replayed = await replayRun(db, result.sweepId, 0, { bundleDir: env.FLEET_BUNDLE_DIR });
    expect([replayed.finalEquity, replayed.reproduced]).toEqual(['397204.858320833', true]);

    const data = files.map((f) => `--data=${repoRoot}data/samples/${f}.csv`);
    const range = ['--from', '2004-08-19', '--to', '2013-03-01', '--commission', '0.001', '--param', 'rebalance=21'];
    const local = async (strategy: string[]) => {
      const r = await runCli(['backtest', ...strategy, ...data, ...range, '--json'], env);
      expect(r.code, r.stderr).toBe(0);
      return lastJsonLine<{ strategy: string; finalEquity: string }>(r.stdout);
    };
    const [fromFile, builtIn] = [await local(['--strategy-file', copy]), await local(['--strategy', 'equal_weight'])];
    expect(fromFile).toMatchObject({ strategy: 'equal_weight_copy', finalEquity: builtIn.finalEquity });
  }, 240_000);

  it('refuses at submit a universe with a symbol that has no bars in the range, naming it', async () => {
    const file = await writeSweep('refused', sweep('portfolio-refused', { late: ['ORCL', 'NOBARS'] }));
    const refused = await runCli(['sweep', 'submit', file, '--json'], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/universes\.late: no 1d bars in 2004-08-19\.\.2013-03-01 for NOBARS/);
  });
});
