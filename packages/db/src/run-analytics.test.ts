import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from './create-database.js';
import { failureSummary, heatmap, leaderboard, recentRunCount } from './run-analytics.js';
import { RunQueryError } from './run-query-error.js';
import { createSweep } from './sweeps.js';

const db = createDatabase({ url: inject('databaseUrl') });
const sweepId = randomUUID();
const RUNS = 100_000;

const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const result = await fn();
  return [result, performance.now() - started];
};

beforeAll(async () => {
  await createSweep(db, {
    id: sweepId,
    idempotencyKey: null,
    name: 'big',
    spec: {},
    total: RUNS,
    jobs: 4000,
    runsPerJob: 25,
  });
  // 20 fast × 25 slow × 200 seeds; every 50th run failed. Sharpe grows with fast and falls with slow, so the best run is known.
  await sql`
    insert into runs (sweep_id, run_index, strategy, symbol, params, status, final_equity, sharpe, total_return,
                      max_drawdown, error_name, error_code, error_message, duration_ms)
    select ${sweepId}, i, 'sma_cross', case when i % 2 = 0 then 'ORCL' else 'NVDA' end,
           jsonb_build_object('fast', i % 20, 'slow', (i / 20) % 25, 'seed', i / 500),
           case when i % 50 = 7 then 'failed' else 'succeeded' end,
           case when i % 50 = 7 then null else 100000 + i end,
           case when i % 50 = 7 then null else (i % 20) - ((i / 20) % 25) / 10.0 + (i / 500) / 1000.0 end,
           (i % 97) / 100.0, (i % 13) / 100.0,
           case when i % 50 = 7 then 'ConfigError' end, case when i % 50 = 7 then 'INVALID_PARAMS' end,
           case when i % 50 = 7 then 'fast must be < slow' end, 1
    from generate_series(0, ${RUNS - 1}) as i`.execute(db);
  await sql`analyze runs`.execute(db);
});

afterAll(async () => {
  await db.deleteFrom('sweeps').where('id', '=', sweepId).execute();
  await db.destroy();
});

describe('run analytics on a 100,000-run sweep', () => {
  it('returns one sorted, filtered page with the matching count, quickly, whatever the sort key', async () => {
    const [best, ms] = await timed(() => leaderboard(db, sweepId, { sort: 'sharpe', limit: 50 }));
    expect(best.total).toBe(98_000);
    expect(best.runs).toHaveLength(50);
    expect(best.runs[0]?.params).toMatchObject({ fast: 19, slow: 0, seed: 199 });
    expect(ms, 'a page is a top-N sort in Postgres, not a transfer of every run').toBeLessThan(1500);

    const [filtered, filteredMs] = await timed(() =>
      leaderboard(db, sweepId, {
        sort: 'param.seed',
        direction: 'asc',
        symbol: 'ORCL',
        ranges: [
          { field: 'param.fast', min: 4, max: 4 },
          { field: 'maxDrawdown', max: 0.05 },
        ],
        offset: 10,
        limit: 5,
      }),
    );
    expect(
      filtered.runs.every((r) => r.params.fast === 4 && r.symbol === 'ORCL' && (r.max_drawdown ?? 1) <= 0.05),
    ).toBe(true);
    const seeds = filtered.runs.map((r) => r.params.seed as number);
    expect(seeds).toEqual([...seeds].sort((a, b) => a - b));
    expect(filteredMs).toBeLessThan(1500);
  });

  it('aggregates a heatmap over two parameters into one cell per pair with every other parameter aggregated', async () => {
    const [cells, ms] = await timed(() =>
      heatmap(db, sweepId, { metric: 'sharpe', x: 'fast', y: 'slow', aggregate: 'max' }),
    );
    expect(cells, '500 pairs, of which the 10 whose runs all failed have no cell').toHaveLength(490);
    expect(cells.reduce((n, c) => n + c.runs, 0)).toBe(98_000);
    const corner = cells.find((c) => c.x === 19 && c.y === 0);
    expect(corner?.value).toBeCloseTo(19.199, 6);
    expect(ms, 'one GROUP BY in Postgres').toBeLessThan(2000);

    const fixed = await heatmap(db, sweepId, { metric: 'sharpe', x: 'fast', y: 'slow', fixed: { seed: 3 } });
    expect(
      fixed.reduce((n, c) => n + c.runs, 0),
      'one seed holds 500 runs, 10 of them failed',
    ).toBe(490);
  });

  it('groups failures by reason and pages the failed runs through their partial index', async () => {
    const [summary, ms] = await timed(() => failureSummary(db, sweepId, { limit: 20 }));
    expect(summary.total).toBe(2000);
    expect(summary.reasons).toEqual([
      {
        name: 'ConfigError',
        code: 'INVALID_PARAMS',
        message: 'fast must be < slow',
        runs: 2000,
        exampleRuns: [7, 57, 107],
      },
    ]);
    expect(summary.runs.map((r) => r.run_index).slice(0, 3)).toEqual([7, 57, 107]);
    expect(ms).toBeLessThan(1500);
  });

  it('counts the rows stored in a recent window for the current throughput', async () => {
    expect(await recentRunCount(db, sweepId, 600_000)).toBe(RUNS);
  });

  it('refuses a field it does not know rather than building SQL from it', async () => {
    await expect(leaderboard(db, sweepId, { sort: 'sharpe; drop table runs' })).rejects.toThrow(RunQueryError);
    await expect(heatmap(db, sweepId, { metric: 'sharpe', x: "fast'--", y: 'slow' })).rejects.toMatchObject({
      code: 'INVALID_RUN_QUERY',
    });
  });
});
