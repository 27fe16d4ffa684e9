import { parseExpression } from '@fleet/contracts';
import { createDatabase, heatmap, leaderboard } from '@fleet/db';
import { bestRuns, exportRuns, replayRun } from '@fleet/sweep';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedSweep } from '../support/seed-sweep.js';

const db = createDatabase({ url: inject('databaseUrl') });
let sweepId: string;

beforeAll(async () => {
  ({ sweepId } = await seedSweep(
    db,
    {
      name: 'swept-settings',
      symbols: ['ORCL'],
      start: '2000-01-01',
      end: '2014-12-31',
      commission: 0.001,
      stopLoss: [0.02, 0.05],
      strategies: [{ name: 'sma_cross', params: { fast: [10, 20], slow: 50 }, sizePercent: [10, 50] }],
    },
    [new URL('../../data/samples/orcl-1995-2014.csv', import.meta.url).pathname],
    3,
  ));
});
afterAll(() => db.destroy());

describe('a swept setting reads like a parameter', () => {
  it('is stored beside the params of every run', async () => {
    const rows = await db
      .selectFrom('runs')
      .select(['run_index', 'params', 'settings'])
      .where('sweep_id', '=', sweepId)
      .orderBy('run_index')
      .execute();
    expect(rows.map((r) => [r.settings, r.params])).toEqual(
      [10, 50].flatMap((sizePercent) =>
        [0.02, 0.05].flatMap((stopLoss) =>
          [10, 20].map((fast) => [
            { sizePercent, stopLoss },
            { fast, slow: 50 },
          ]),
        ),
      ),
    );
  });

  it('filters with --where and the leaderboard, and sorts and charts by it', async () => {
    const filtered = await bestRuns(db, sweepId, {
      by: 'sharpe',
      top: 10,
      where: parseExpression('stopLoss == 0.05 and sizePercent > 20'),
    });
    expect(filtered.map((r) => r.settings)).toEqual([
      { sizePercent: 50, stopLoss: 0.05 },
      { sizePercent: 50, stopLoss: 0.05 },
    ]);
    const page = await leaderboard(db, sweepId, {
      sort: 'param.stopLoss',
      direction: 'asc',
      ranges: [{ field: 'param.sizePercent', min: 20 }],
    });
    expect(page.total).toBe(4);
    expect(page.runs.map((r) => r.settings.stopLoss)).toEqual([0.02, 0.02, 0.05, 0.05]);
    const cells = await heatmap(db, sweepId, {
      metric: 'sharpe',
      x: 'stopLoss',
      y: 'sizePercent',
      fixed: { fast: 10 },
    });
    expect(cells.map((c) => [c.x, c.y, c.runs])).toEqual([
      [0.02, 10, 1],
      [0.02, 50, 1],
      [0.05, 10, 1],
      [0.05, 50, 1],
    ]);
  });

  it('is a column of the export', async () => {
    let csv = '';
    await exportRuns(db, sweepId, 'csv', async (chunk) => {
      csv += chunk;
    });
    const [header, first] = csv.split('\n').map((line) => line.split(','));
    expect(header?.slice(0, 8)).toEqual([
      'run_index',
      'strategy',
      'symbol',
      'status',
      'fast',
      'sizePercent',
      'slow',
      'stopLoss',
    ]);
    expect(first?.slice(4, 8)).toEqual(['10', '10', '50', '0.02']);
  });

  it('is replayed with the run: every stored result is reproduced by the engine', async () => {
    for (let runIndex = 0; runIndex < 8; runIndex++) {
      const replay = await replayRun(db, sweepId, runIndex);
      expect(replay.reproduced, `run ${runIndex} (${JSON.stringify(replay.run.settings)})`).toBe(true);
    }
  });
});
