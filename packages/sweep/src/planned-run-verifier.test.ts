import { randomUUID } from 'node:crypto';
import { type RunOutcome, SweepSpec } from '@fleet/contracts';
import { createDatabase, createSweep } from '@fleet/db';
import { SweepPlan } from '@fleet/planning';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { PlannedRunVerifier } from './planned-run-verifier.js';

const db = createDatabase({ url: inject('databaseUrl') });
afterAll(() => db.destroy());

const spec = SweepSpec.parse({
  name: 'verify',
  symbols: ['ORCL', 'NVDA'],
  start: '2005-01-01',
  end: '2006-12-31',
  strategies: [
    { name: 'sma_cross', params: { fast: { from: 2, to: 40, step: 2 }, slow: [50, 100] }, where: 'fast * 3 < slow' },
    { name: 'rsi_reversion', params: { period: [7, 14], low: [20, 30], high: [70, 80] } },
    {
      name: 'donchian_breakout',
      params: { entry: { from: 10, to: 60, step: 1 }, exit: { from: 5, to: 30, step: 1 } },
      search: { type: 'random', samples: 40, seed: 7 },
    },
  ],
});

const failed = (sweepId: string, runIndex: number, run: { strategy: string; symbol: string; params: object }) =>
  ({
    sweepId,
    runIndex,
    ...run,
    durationMs: 0,
    engineVersion: '1',
    codeVersion: 't',
    status: 'failed',
    error: { name: 'E', code: 'C', message: 'm' },
  }) as RunOutcome;

describe('SweepPlan.runAt', () => {
  it('names the same run at every index as the jobs the plan enqueues, grid, filtered and sampled alike', () => {
    const plan = new SweepPlan(spec, randomUUID(), { runsPerJob: 7 });
    const enqueued = [...plan.jobs()].flatMap((j) =>
      j.data.runs.map((r) => ({ index: r.index, strategy: j.data.strategy, symbol: j.data.symbol, params: r.params })),
    );
    expect(enqueued).toHaveLength(plan.totalRuns);
    for (const run of enqueued) expect(plan.runAt(run.index), `run ${run.index}`).toEqual({ ...run, index: undefined });
    expect(plan.runAt(plan.totalRuns)).toBeUndefined();
    expect(plan.runAt(-1)).toBeUndefined();
    expect(plan.runAt(1.5)).toBeUndefined();
  });
});

describe('PlannedRunVerifier', () => {
  it("passes the plan's runs and refuses an index past the plan, other parameters, or another strategy or symbol", async () => {
    const sweepId = randomUUID();
    const plan = new SweepPlan(spec, sweepId, { runsPerJob: 7 });
    await createSweep(db, {
      id: sweepId,
      idempotencyKey: null,
      name: spec.name,
      spec,
      total: plan.totalRuns,
      jobs: plan.totalJobs,
      runsPerJob: 7,
    });
    const verifier = PlannedRunVerifier.forDatabase(db);
    const at = (i: number) => plan.runAt(i) as NonNullable<ReturnType<SweepPlan['runAt']>>;
    const last = plan.totalRuns - 1;
    const genuine = [0, 5, last].map((i) => failed(sweepId, i, at(i)));
    const forged = [
      failed(sweepId, plan.totalRuns, at(0)),
      failed(sweepId, 3, { ...at(3), params: { ...at(3).params, fast: 1_000 } }),
      failed(sweepId, 4, { ...at(4), params: { ...at(4).params, extra: 1 } }),
      failed(sweepId, 6, { ...at(6), strategy: 'buy_and_hold' }),
      failed(sweepId, 8, { ...at(8), symbol: 'AAPL' }),
    ];
    const orphan = failed(randomUUID(), 0, at(0));
    const broken = randomUUID();
    await createSweep(db, { id: broken, idempotencyKey: null, name: 'b', spec: {}, total: 1, jobs: 1, runsPerJob: 1 });
    const { planned, unplanned } = await verifier.check([...genuine, ...forged, orphan, failed(broken, 0, at(0))]);
    expect(planned, 'a deleted sweep is left to the store, which drops it').toEqual([...genuine, orphan]);
    expect(unplanned.map((u) => u.problem)).toEqual([
      `sweep ${sweepId} run ${plan.totalRuns}: the sweep plans runs 0 to ${last} only`,
      expect.stringMatching(/run 3: parameters .*"fast":1000.*, but the plan runs .* there/),
      expect.stringMatching(/run 4: parameters .*"extra":1/),
      expect.stringMatching(/run 6: buy_and_hold on ORCL, but the plan runs sma_cross on ORCL there/),
      expect.stringMatching(/run 8: sma_cross on AAPL, but the plan runs sma_cross on ORCL there/),
      expect.stringMatching(new RegExp(`sweep ${broken}: its stored spec cannot be planned`)),
    ]);
  });
});

describe('PlannedRunVerifier with swept settings', () => {
  it("passes a run carrying the plan's swept settings and refuses one whose settings differ", async () => {
    const swept = SweepSpec.parse({
      name: 'verify-settings',
      symbols: ['ORCL'],
      start: '2005-01-01',
      end: '2006-12-31',
      strategies: [{ name: 'sma_cross', params: { fast: [5, 10], slow: 50 }, stopLoss: [0.02, 0.05] }],
    });
    const sweepId = randomUUID();
    const plan = new SweepPlan(swept, sweepId, { runsPerJob: 2 });
    await createSweep(db, {
      id: sweepId,
      idempotencyKey: null,
      name: swept.name,
      spec: swept,
      total: plan.totalRuns,
      jobs: plan.totalJobs,
      runsPerJob: 2,
    });
    const at = (i: number) => plan.runAt(i) as NonNullable<ReturnType<SweepPlan['runAt']>>;
    expect(at(0)).toEqual({
      strategy: 'sma_cross',
      symbol: 'ORCL',
      params: { fast: 5, slow: 50 },
      settings: { stopLoss: 0.02 },
    });
    const genuine = [0, 3].map((i) => failed(sweepId, i, at(i)));
    const forged = [
      failed(sweepId, 1, { ...at(1), settings: { stopLoss: 0.5 } } as never),
      failed(sweepId, 2, { ...at(2), settings: undefined } as never),
    ];
    const { planned, unplanned } = await PlannedRunVerifier.forDatabase(db).check([...genuine, ...forged]);
    expect(planned).toEqual(genuine);
    expect(unplanned.map((u) => u.problem)).toEqual([
      expect.stringMatching(/run 1: swept settings \{"stopLoss":0.5\}, but the plan runs \{"stopLoss":0.0\d\} there/),
      expect.stringMatching(/run 2: swept settings \{\}, but the plan runs \{"stopLoss":0.05\} there/),
    ]);
  });
});
