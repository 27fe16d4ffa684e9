import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, listFoldSelections } from '@fleet/db';
import { replayRun, type WalkForwardReport, walkForwardReport } from '@fleet/sweep';
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

const env: FleetTestEnv = fleetTestEnv('walk-forward');
const db = createDatabase({ url: env.DATABASE_URL });
const processes: FleetProcess[] = [];
const MIN_TRADES = 2;
let sweepId: string;
let total: number;

beforeAll(async () => {
  const imported = await runCli(
    ['data', 'import', `${repoRoot}data/samples/orcl-1995-2014.csv`, `${repoRoot}data/samples/nvda-1999-2014.csv`],
    env,
  );
  expect(imported.code, imported.stderr).toBe(0);
  processes.push(startApp('aggregator', env), startApp('worker', env));
  const file = join(tmpdir(), `${env.FLEET_QUEUE_PREFIX}-wf.json`);
  // 6 combinations × 2 symbols × 3 folds in sample, plus 2 groups × 3 folds out of sample: 42 runs.
  await writeFile(
    file,
    JSON.stringify({
      name: `walk-forward-${env.FLEET_QUEUE_PREFIX}`,
      symbols: ['ORCL', 'NVDA'],
      start: '2000-01-01',
      end: '2004-12-31',
      commission: 0.001,
      strategies: [{ name: 'sma_cross', params: { fast: [5, 10, 20], slow: [50, 100] } }],
      validation: { walkForward: { train: '2y', test: '1y', step: '1y' }, select: 'sharpe', minTrades: MIN_TRADES },
    }),
  );
  const submitted = await runCli(['sweep', 'submit', file, '--wait', '--json', '--runs-per-job', '4'], env);
  expect(submitted.code, `${submitted.stderr}\n${processes.map((p) => p.output()).join('\n')}`).toBe(0);
  const result = lastJsonLine<{ sweepId: string; total: number; status: string }>(submitted.stdout);
  expect(result.status).toBe('completed');
  ({ sweepId, total } = result);
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  const redis = new Redis(env.REDIS_URL);
  await deleteKeysWithPrefix(redis, env.FLEET_QUEUE_PREFIX);
  await redis.quit();
  await db.destroy();
});

describe('a walk-forward sweep on real data', () => {
  it('stores exactly one row per planned run, out-of-sample runs included, each with its fold and window', async () => {
    expect(total).toBe(42);
    const rows = await db
      .selectFrom('runs')
      .select(['run_index', 'fold', 'window', 'status'])
      .where('sweep_id', '=', sweepId)
      .orderBy('run_index')
      .execute();
    expect(rows.map((r) => r.run_index)).toEqual(Array.from({ length: 42 }, (_, i) => i));
    expect(rows.filter((r) => r.window === 'in_sample')).toHaveLength(36);
    expect(rows.slice(36).map((r) => [r.fold, r.window])).toEqual(
      [0, 0, 1, 1, 2, 2].map((fold) => [fold, 'out_of_sample']),
    );
    expect(rows.slice(0, 12).every((r) => r.fold === 0)).toBe(true);
  });

  it('chooses per group and fold the in-sample run a direct computation over the stored rows picks', async () => {
    const selections = await listFoldSelections(db, sweepId);
    expect(selections).toHaveLength(6);
    for (const s of selections) {
      const candidates = await db
        .selectFrom('runs')
        .select(['run_index', 'sharpe', 'closed_trades', 'params', 'status'])
        .where('sweep_id', '=', sweepId)
        .where('run_index', '>=', s.first_run)
        .where('run_index', '<', s.first_run + s.runs)
        .execute();
      expect(candidates, 'the group is its six in-sample runs').toHaveLength(6);
      const eligible = candidates.filter(
        (r) => r.status === 'succeeded' && (r.closed_trades ?? 0) >= MIN_TRADES && r.sharpe !== null,
      );
      const best = [...eligible].sort(
        (a, b) => (b.sharpe as number) - (a.sharpe as number) || a.run_index - b.run_index,
      )[0];
      expect(s.chosen_run, `fold ${s.fold} ${s.symbol}`).toBe(best?.run_index ?? null);
      expect(s.params).toEqual(best?.params ?? null);
      const oos = await db
        .selectFrom('runs')
        .select(['params', 'strategy', 'symbol'])
        .where('sweep_id', '=', sweepId)
        .where('run_index', '=', s.run_index)
        .executeTakeFirstOrThrow();
      expect(oos).toEqual({ params: s.params, strategy: s.strategy, symbol: s.symbol });
      expect(s.enqueued_at, 'its job was recorded as enqueued').not.toBeNull();
    }
  });

  it('replays every out-of-sample run to its stored result', async () => {
    for (let runIndex = 36; runIndex < 42; runIndex++) {
      const replay = await replayRun(db, sweepId, runIndex);
      expect(replay.reproduced, `run ${runIndex}`).toBe(true);
      expect(replay.equityCurve[0]?.equity, 'each window starts flat at the cash').toBe(100_000);
    }
  });

  it('reports folds and a stitched result that compounds the folds’ out-of-sample returns', async () => {
    const cli = await runCli(['sweep', 'validation', sweepId, '--json'], env);
    expect(cli.code, cli.stderr).toBe(0);
    const report = lastJsonLine<{ walkForward: WalkForwardReport }>(cli.stdout).walkForward;
    expect(report.groups.map((g) => [g.strategy, g.symbol, g.folds.length])).toEqual([
      ['sma_cross', 'ORCL', 3],
      ['sma_cross', 'NVDA', 3],
    ]);
    for (const g of report.groups) {
      const compounded = g.folds.reduce((p, f) => p * (1 + (f.outOfSampleRun.result?.metrics.totalReturn ?? 0)), 1) - 1;
      expect(g.stitched?.totalReturn).toBeCloseTo(compounded, 9);
      expect(g.stitched?.folds).toEqual([0, 1, 2]);
      expect(g.parameterChanges).toBeGreaterThanOrEqual(0);
      expect(g.parameterChanges).toBeLessThanOrEqual(2);
    }
    const withCurves = await walkForwardReport(db, sweepId, { curves: true });
    const fold = withCurves.groups[0]?.folds[1];
    expect(fold?.outOfSampleEquity?.[0]?.time, 'the out-of-sample curve starts on the window’s first bar').toBe(
      Date.parse('2003-01-02T00:00:00Z'),
    );
    expect(fold?.inSampleEquity?.[0]?.time).toBe(Date.parse('2001-01-02T00:00:00Z'));
  });
});
