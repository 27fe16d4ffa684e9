import { fileURLToPath } from 'node:url';
import { createDatabase } from '@fleet/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetTestEnv, lastJsonLine, runCli } from '../support/fleet-processes.js';
import { seedSweep } from '../support/seed-sweep.js';

const samples = fileURLToPath(new URL('../../data/samples/', import.meta.url));
const env = fleetTestEnv('results');
const db = createDatabase({ url: env.DATABASE_URL });
let sweepId = '';

type Ranked = { runIndex: number; strategy: string; symbol: string; params: Record<string, number> };
const results = async (...args: string[]) => runCli(['sweep', 'results', sweepId, ...args], env);
const ranked = async (...args: string[]) => {
  const run = await results(...args, '--json', '--top', '100');
  expect(run.code, run.stderr).toBe(0);
  return lastJsonLine<{ runs: (Ranked & { metrics: Record<string, number | null> })[] }>(run.stdout).runs;
};

beforeAll(async () => {
  ({ sweepId } = await seedSweep(
    db,
    {
      name: 'results-cli',
      symbols: ['ORCL', 'NVDA'],
      start: '2003-01-01',
      end: '2012-12-31',
      strategies: [
        { name: 'sma_cross', params: { fast: [5, 10], slow: [50, 100] } },
        { name: 'rsi_reversion', params: { period: [14] } },
      ],
    },
    [`${samples}orcl-1995-2014.csv`, `${samples}nvda-1999-2014.csv`],
  ));
});

afterAll(async () => {
  await db.destroy();
});

describe('fleet sweep results', () => {
  it.each([
    ['foo > 1', 'foo'],
    ['trades >= 20', 'trades'],
    ['constructor', 'constructor'],
    ['period > 1 and lookback > 1', 'lookback'],
  ])('refuses --where %j, naming %s and listing the valid names, and prints no table', async (where, name) => {
    const run = await results('--where', where);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toMatch(
      new RegExp(
        `^error: --where: unknown name '${name}' at \\d+; valid names: runIndex, .*, symbol, strategy, .*period`,
      ),
    );
  });

  it('refuses text compared as a number', async () => {
    const run = await results('--where', "symbol > 'A'");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--where: text compares only with text');
  });

  it.each([
    ["symbol = 'ORCL'", (r: Ranked) => r.symbol === 'ORCL'],
    ["strategy in ('sma_cross', 'rsi_reversion') and symbol != 'NVDA'", (r: Ranked) => r.symbol !== 'NVDA'],
    ["strategy = 'rsi_reversion'", (r: Ranked) => r.strategy === 'rsi_reversion'],
    ['not fast > 5', (r: Ranked) => r.params.fast === 5],
  ])('filters on %s in Postgres', async (where, keeps) => {
    const all = await ranked();
    const kept = await ranked('--where', where);
    expect(kept.length, 'the filter keeps some runs').toBeGreaterThan(0);
    expect(kept.map((r) => r.runIndex).sort()).toEqual(
      all
        .filter(keeps)
        .map((r) => r.runIndex)
        .sort(),
    );
  });

  it('--by calmar ranks by calmar and shows its column', async () => {
    const runs = await ranked('--by', 'calmar');
    const calmar = runs.map((r) => r.metrics.calmar).filter((v) => v !== null);
    expect(calmar).toEqual([...calmar].sort((a, b) => (b as number) - (a as number)));
    const table = await results('--by', 'calmar');
    expect(table.code, table.stderr).toBe(0);
    // The first line gives the best row's DSR and PBO, the second how many runs came from the cache; the table's
    // header follows them.
    expect(table.stdout.split('\n')[0]).toMatch(
      /^best row \d+: DSR [01]\.\d{3}, PBO [01]\.\d{3} over its group's (1|4) trials \((sma_cross|rsi_reversion) on (ORCL|NVDA);/,
    );
    const header = table.stdout.split('\n')[2] ?? '';
    expect(header.split(/\s{2,}/)).toEqual([
      '#',
      'run',
      'symbol',
      'strategy',
      'params',
      'final equity',
      'trades',
      'return',
      'sharpe',
      'max dd',
      'calmar',
      'win rate',
      'cached',
    ]);
    const sharpeTable = await results();
    expect(sharpeTable.stdout.split('\n')[2], 'calmar only when ranking by it').not.toContain('calmar');
  });
});

describe('fleet sweep validation and fleet sweep returns', () => {
  it('print per group N, the best row, PSR(0), DSR, PBO and median λ, and export a group as a returns matrix', async () => {
    const json = await runCli(['sweep', 'validation', sweepId, '--json'], env);
    expect(json.code, json.stderr).toBe(0);
    const { groups } = lastJsonLine<{ groups: { strategy: string; symbol: string; trials: number; pbo: number }[] }>(
      json.stdout,
    );
    expect(groups.map((g) => [g.strategy, g.symbol, g.trials])).toEqual([
      ['rsi_reversion', 'NVDA', 1],
      ['rsi_reversion', 'ORCL', 1],
      ['sma_cross', 'NVDA', 4],
      ['sma_cross', 'ORCL', 4],
    ]);
    expect(groups[0]?.pbo, 'one trial has nothing to be overfit among').toBeNull();
    const table = await runCli(['sweep', 'validation', sweepId.slice(0, 8)], env);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(
      /strategy\s+symbol\s+window\s+N\s+best\s+params\s+sharpe\s+PSR\(0\)\s+DSR\s+PBO\s+median λ/,
    );
    expect(table.stdout).toMatch(/sma_cross\s+ORCL\s+all\s+4\s+\d+\s+fast=\d+ slow=\d+/);

    const csv = await runCli(
      ['sweep', 'returns', sweepId, '--strategy', 'sma_cross', '--symbol', 'ORCL', '--format', 'csv'],
      env,
    );
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines[0]?.split(',')).toHaveLength(5);
    expect(lines[0]).toMatch(/^time(,\d+){4}$/);
    expect(lines[1]).toMatch(/^2003-01-0\dT00:00:00\.000Z(,-?[\d.e-]+){4}$/);
    const missing = await runCli(['sweep', 'returns', sweepId, '--strategy', 'sma_cross', '--symbol', 'YHOO'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(`error: sweep ${sweepId} has no succeeded run of sma_cross on YHOO`);
  });
});
