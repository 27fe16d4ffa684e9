import { randomUUID } from 'node:crypto';
import { ExpressionError, expressionHolds, parseExpression } from '@fleet/contracts';
import type { Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from './create-database.js';
import { expressionToSql } from './expression-to-sql.js';
import { topRuns } from './run-queries.js';
import { RunQueryError } from './run-query-error.js';
import type { RunsTable } from './schema.js';
import { createSweep } from './sweeps.js';

const db = createDatabase({ url: inject('databaseUrl') });
const sweepId = randomUUID();
const PARAMS = ['fast', 'slow'];

/** Runs chosen for the edges: zeros, nulls, negatives, a quote in a name. */
const runs = [
  { symbol: 'ORCL', strategy: 'sma_cross', fast: 5, slow: 50, sharpe: 1.5, max_drawdown: 0.1, profit_factor: 2 },
  { symbol: 'ORCL', strategy: 'sma_cross', fast: 10, slow: 50, sharpe: 0, max_drawdown: 0, profit_factor: null },
  { symbol: 'NVDA', strategy: 'rsi_reversion', fast: -7, slow: 3, sharpe: null, max_drawdown: 0.3, profit_factor: 0.5 },
  { symbol: 'NVDA', strategy: 'sma_cross', fast: 6, slow: 0, sharpe: -0.4, max_drawdown: 0.05, profit_factor: 1.2 },
  { symbol: "O'BRIEN", strategy: 'breakout', fast: 0, slow: 20, sharpe: 3, max_drawdown: 0.5, profit_factor: null },
].map((r, i) => ({
  ...r,
  run_index: i,
  final_equity: String(100_000 + 1000 * (i - 2)),
  closed_trades: i * 2,
  winning_trades: i,
  calmar: r.sharpe === null ? null : r.sharpe / 2,
  max_drawdown_duration: 10 * i,
  duration_ms: i / 2,
}));

/** A run's values in the names a filter uses, as the evaluator gets them. */
const valuesOf = (r: (typeof runs)[number]) => ({
  runIndex: r.run_index,
  finalEquity: Number(r.final_equity),
  closedTrades: r.closed_trades,
  winningTrades: r.winning_trades,
  sharpe: r.sharpe,
  maxDrawdown: r.max_drawdown,
  maxDrawdownDuration: r.max_drawdown_duration,
  calmar: r.calmar,
  profitFactor: r.profit_factor,
  durationMs: r.duration_ms,
  symbol: r.symbol,
  strategy: r.strategy,
  fast: r.fast,
  slow: r.slow,
});

const matching = async (text: string) => {
  const rows = await db
    .selectFrom('runs')
    .select('run_index')
    .where('sweep_id', '=', sweepId)
    .where(expressionToSql(parseExpression(text), PARAMS))
    .orderBy('run_index')
    .execute();
  return rows.map((r) => r.run_index);
};

beforeAll(async () => {
  await createSweep(db, {
    id: sweepId,
    idempotencyKey: null,
    name: 'filters',
    spec: {},
    total: runs.length,
    jobs: 1,
    runsPerJob: runs.length,
  });
  await db
    .insertInto('runs')
    .values(
      runs.map(
        ({ fast, slow, ...r }): Insertable<RunsTable> => ({
          ...r,
          sweep_id: sweepId,
          params: JSON.stringify({ fast, slow }),
          status: 'succeeded',
        }),
      ),
    )
    .execute();
});

afterAll(async () => {
  await db.deleteFrom('sweeps').where('id', '=', sweepId).execute();
  await db.destroy();
});

describe('expressionToSql', () => {
  it.each([
    'sharpe > 1',
    'not sharpe',
    'not sharpe > 1',
    '! sharpe > 1',
    'sharpe',
    'sharpe / maxDrawdown > 5',
    'not (sharpe / maxDrawdown > 5)',
    'sharpe / maxDrawdown > 5 or fast > 5',
    'fast % slow == 0',
    'not (fast % slow == 1)',
    'fast % 3 == -1',
    'profitFactor > 1 or closedTrades > 3',
    'profitFactor > 1 and closedTrades > 3',
    'not (profitFactor > 1 and closedTrades > 3)',
    '(sharpe > 1) + (fast > 5) >= 1',
    '-(sharpe > 1) < 0',
    'fast and slow',
    'fast or sharpe',
    'finalEquity > 100000',
    'runIndex % 2 == 0',
    'maxDrawdownDuration >= 20 and durationMs < 2',
    'calmar < 1',
    "symbol = 'ORCL'",
    "symbol != 'ORCL'",
    "symbol = 'O''BRIEN'",
    "symbol = 'x'' or 1=1 --'",
    "strategy in ('sma_cross', 'rsi_reversion')",
    "strategy not in ('sma_cross')",
    "symbol in ('NVDA') and sharpe < 0",
    'fast in (5, -7)',
    'fast not in (5, 10) and sharpe > -1',
    'sharpe in (0)',
  ])('%s keeps the same runs in Postgres as in the evaluator', async (text) => {
    const expected = runs.filter((r) => expressionHolds(parseExpression(text), valuesOf(r))).map((r) => r.run_index);
    expect(await matching(text)).toEqual(expected);
  });

  it('keeps the runs a person expects on the cases that used to disagree', async () => {
    expect(await matching('not sharpe'), 'sharpe 0 is false; an unknown sharpe is not "not true"').toEqual([1]);
    expect(await matching('sharpe / maxDrawdown > 5'), 'dividing by a zero drawdown is unknown, not an error').toEqual([
      0, 4,
    ]);
    expect(await matching('fast % slow == 0'), 'mod by zero is unknown').toEqual([4]);
    expect(await matching("strategy in ('sma_cross', 'rsi_reversion')")).toEqual([0, 1, 2, 3]);
    expect(await matching("symbol = 'x'' or 1=1 --'"), 'a quote in text is data, never SQL').toEqual([]);
  });

  it('binds every literal as a parameter, never as SQL text', () => {
    const compiled = db
      .selectFrom('runs')
      .select('run_index')
      .where(
        expressionToSql(parseExpression("symbol = 'ORCL' and strategy in ('sma_cross', 'x') and fast > 12.5"), PARAMS),
      )
      .compile();
    expect(compiled.sql).not.toMatch(/ORCL|sma_cross|12\.5|fast/);
    expect(compiled.parameters).toEqual(expect.arrayContaining(['ORCL', 'sma_cross', 'x', 12.5, 'fast']));
  });

  it.each(['foo > 1', 'trades >= 20', 'constructor', '__proto__ > 0', 'toString > 0'])(
    'refuses the unknown name in %j, listing the valid names',
    (text) => {
      const name = /^[A-Za-z_]+/.exec(text)?.[0];
      expect(() => expressionToSql(parseExpression(text), PARAMS)).toThrow(ExpressionError);
      expect(() => expressionToSql(parseExpression(text), PARAMS)).toThrow(
        new RegExp(
          `^unknown name '${name}' at 1; valid names: runIndex, finalEquity, .*, durationMs, symbol, strategy, universe, fast, slow$`,
        ),
      );
    },
  );

  it('refuses a parameter the sweep does not have, and text that is not a condition', () => {
    expect(() => expressionToSql(parseExpression('period > 3'), PARAMS)).toThrow(/unknown name 'period'/);
    expect(() => expressionToSql(parseExpression('symbol'), PARAMS)).toThrow('a filter must be a condition, not text');
    expect(() => expressionToSql(parseExpression("symbol > 'A'"), PARAMS)).toThrow(/text compares only with text/);
  });
});

describe('topRuns', () => {
  it('ranks by any rankable metric, best first, and filters by text fields', async () => {
    const byCalmar = await topRuns(db, sweepId, { by: 'calmar', limit: 10 });
    expect(
      byCalmar.map((r) => r.run_index),
      'highest calmar first, unknown last',
    ).toEqual([4, 0, 1, 3, 2]);
    const byDrawdown = await topRuns(db, sweepId, { by: 'maxDrawdown', limit: 2 });
    expect(
      byDrawdown.map((r) => r.run_index),
      'the smallest drawdown is best',
    ).toEqual([1, 3]);
    const orcl = await topRuns(db, sweepId, {
      by: 'sharpe',
      where: parseExpression("symbol = 'ORCL' and fast > 1"),
      paramNames: PARAMS,
    });
    expect(orcl.map((r) => r.run_index)).toEqual([0, 1]);
  });

  it('refuses a metric it cannot rank by instead of reading it off the prototype', async () => {
    for (const by of ['constructor', 'exposure'])
      await expect(topRuns(db, sweepId, { by: by as 'sharpe' })).rejects.toThrow(RunQueryError);
  });
});
