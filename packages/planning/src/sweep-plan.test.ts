import { runJobBytes, SweepSpec, type SweepSpecInput } from '@fleet/contracts';
import { describe, expect, it } from 'vitest';
import { MAX_ENUMERATED_COMBINATIONS } from './combination-space.js';
import { EmptySweepError } from './empty-sweep-error.js';
import { SweepPlan } from './sweep-plan.js';
import { SweepPlanError } from './sweep-plan-error.js';
import { SweepTooLargeError } from './sweep-too-large-error.js';

const spec = (
  strategies: SweepSpecInput['strategies'],
  symbols = ['ORCL', 'NVDA'],
  extra: Partial<SweepSpecInput> = {},
) => SweepSpec.parse({ name: 't', symbols, start: '2000-01-01', end: '2001-01-01', strategies, ...extra });
const ID = '00000000-0000-4000-8000-000000000000';
const allRuns = (plan: SweepPlan) =>
  [...plan.jobs()].flatMap((j) => j.data.runs.map((r) => ({ ...r, symbol: j.data.symbol, strategy: j.data.strategy })));

describe('SweepPlan', () => {
  it('counts runs as the product of parameter value counts × symbols, summed over strategies', () => {
    const plan = new SweepPlan(
      spec([
        { name: 'sma_cross', params: { fast: { from: 5, to: 50, step: 5 }, slow: [60, 100, 200] } },
        { name: 'rsi_reversion', params: { period: 14, low: [20, 30], high: { from: 70, to: 80, step: 5 } } },
      ]),
      ID,
      { runsPerJob: 7 },
    );
    expect(plan.totalRuns).toBe((10 * 3 + 1 * 2 * 3) * 2);
    expect(plan.totalJobs, 'jobs never span two strategy/symbol segments').toBe(
      2 * Math.ceil(30 / 7) + 2 * Math.ceil(6 / 7),
    );
    expect(allRuns(plan)).toHaveLength(plan.totalRuns);
  });

  it('counts decimal ranges as a person would, without float drift', () => {
    const plan = new SweepPlan(spec([{ name: 'x', params: { k: { from: 0.1, to: 0.3, step: 0.1 } } }], ['A']), ID, {
      runsPerJob: 10,
    });
    expect(plan.totalRuns).toBe(3);
    expect(allRuns(plan).map((r) => r.params.k)).toEqual([0.1, 0.2, 0.3]);
  });

  it('streams every run index exactly once, in order, and never repeats a combination', () => {
    const plan = new SweepPlan(spec([{ name: 's', params: { a: [1, 2, 3], b: { from: 1, to: 4, step: 1 } } }]), ID, {
      runsPerJob: 5,
    });
    const runs = allRuns(plan);
    expect(runs.map((r) => r.index)).toEqual([...Array(plan.totalRuns).keys()]);
    expect(new Set(runs.map((r) => JSON.stringify([r.symbol, r.params]))).size).toBe(plan.totalRuns);
  });

  it('enumerates parameters in sorted-name order, so a spec re-read from jsonb yields the same manifest', () => {
    const a = new SweepPlan(spec([{ name: 's', params: { slow: [60, 100], fast: [5, 10] } }], ['A']), ID, {
      runsPerJob: 10,
    });
    const b = new SweepPlan(spec([{ name: 's', params: { fast: [5, 10], slow: [60, 100] } }], ['A']), ID, {
      runsPerJob: 10,
    });
    expect([...a.jobs()]).toEqual([...b.jobs()]);
  });

  it('resumes from a job index with the same jobs a full pass yields from there', () => {
    const plan = new SweepPlan(
      spec([{ name: 's', params: { a: { from: 1, to: 40, step: 1 } }, where: 'a % 3 != 0' }]),
      ID,
      { runsPerJob: 3 },
    );
    const all = [...plan.jobs()];
    expect([...plan.jobs(9)]).toEqual(all.slice(9));
    expect([...plan.jobs(plan.totalJobs)]).toEqual([]);
  });

  it('prunes combinations with where-constraints before counting', () => {
    const plan = new SweepPlan(
      spec(
        [
          {
            name: 'sma_cross',
            params: { fast: { from: 10, to: 100, step: 10 }, slow: { from: 10, to: 100, step: 10 } },
            where: ['fast < slow'],
          },
        ],
        ['A'],
      ),
      ID,
      { runsPerJob: 100 },
    );
    expect(plan.totalRuns, '10 × 10 grid less the diagonal and the lower half').toBe(45);
    expect(allRuns(plan).every((r) => (r.params.fast as number) < (r.params.slow as number))).toBe(true);
  });

  it('samples a random search reproducibly: the same seed gives the same runs, another seed others', () => {
    const random = (seed: number) =>
      new SweepPlan(
        spec(
          [
            {
              name: 's',
              params: { a: { from: 1, to: 100, step: 1 }, b: { from: 1, to: 100, step: 1 } },
              where: 'a < b',
              search: { type: 'random', samples: 50, seed },
            },
          ],
          ['A'],
        ),
        ID,
        { runsPerJob: 20 },
      );
    const first = allRuns(random(7)).map((r) => r.params);
    expect(first).toHaveLength(50);
    expect(allRuns(random(7)).map((r) => r.params)).toEqual(first);
    expect(allRuns(random(8)).map((r) => r.params)).not.toEqual(first);
    expect(
      first.every((p) => (p.a as number) < (p.b as number)),
      'samples respect the constraints',
    ).toBe(true);
    expect(new Set(first.map((p) => `${p.a},${p.b}`)).size, 'no combination is sampled twice').toBe(50);
  });

  it('caps a random search at the size of its space', () => {
    const plan = new SweepPlan(
      spec([{ name: 's', params: { a: [1, 2, 3] }, search: { type: 'random', samples: 10 } }], ['A']),
      ID,
      { runsPerJob: 5 },
    );
    expect(plan.totalRuns).toBe(3);
  });

  it('gives each strategy its own costs and sizing when it sets them', () => {
    const plan = new SweepPlan(
      spec(
        [
          { name: 'a', params: {} },
          { name: 'b', params: {}, commission: 0.002, size: 5 },
        ],
        ['A'],
        { commission: '0.001' },
      ),
      ID,
      { runsPerJob: 5 },
    );
    expect([...plan.jobs()].map((j) => [j.data.strategy, j.data.settings.commission, j.data.settings.size])).toEqual([
      ['a', '0.001', 100],
      ['b', '0.002', 5],
    ]);
  });

  it('multiplies runs by a swept setting and carries each run its value: stopLoss: [0.02, 0.05, 0.08] triples a sweep', () => {
    const strategies = [{ name: 's', params: { a: [1, 2] } }];
    const plain = new SweepPlan(spec(strategies), ID, { runsPerJob: 5 });
    const swept = new SweepPlan(spec(strategies, ['ORCL', 'NVDA'], { stopLoss: [0.02, 0.05, 0.08] }), ID, {
      runsPerJob: 5,
    });
    expect(swept.totalRuns).toBe(3 * plain.totalRuns);
    expect(
      allRuns(swept)
        .filter((r) => r.symbol === 'ORCL')
        .map((r) => [r.settings?.stopLoss, r.params.a]),
    ).toEqual([
      [0.02, 1],
      [0.02, 2],
      [0.05, 1],
      [0.05, 2],
      [0.08, 1],
      [0.08, 2],
    ]);
    expect([...swept.jobs()][0]?.data.settings, 'the job carries the shared settings, without the axis').toEqual({
      cash: '100000',
      size: 100,
      commission: '0',
      slippageBps: 0,
      riskFreeRate: 0,
    });
  });

  it('crosses setting axes with each other and prunes them with where, like parameters', () => {
    const plan = new SweepPlan(
      spec([{ name: 's', params: { a: [1, 2] }, sizePercent: [10, 50], where: 'stopLoss < 0.05 or a == 1' }], ['A'], {
        stopLoss: { from: 0.02, to: 0.05, step: 0.03 },
      }),
      ID,
      { runsPerJob: 3 },
    );
    expect(allRuns(plan).map((r) => [r.settings?.sizePercent, r.settings?.stopLoss, r.params.a])).toEqual([
      [10, 0.02, 1],
      [10, 0.02, 2],
      [10, 0.05, 1],
      [50, 0.02, 1],
      [50, 0.02, 2],
      [50, 0.05, 1],
    ]);
    const byIndex = new Map(allRuns(plan).map((r) => [r.index, r]));
    for (const job of plan.jobsForRuns(new Set([2, 4])))
      for (const run of job.runs)
        expect(run, 'regrouped runs keep their settings').toEqual({
          index: run.index,
          params: byIndex.get(run.index)?.params,
          settings: byIndex.get(run.index)?.settings,
        });
  });

  it('regroups a subset of runs into jobs with the same parameters as the full plan', () => {
    const plan = new SweepPlan(spec([{ name: 's', params: { a: { from: 1, to: 30, step: 1 } } }]), ID, {
      runsPerJob: 4,
    });
    const byIndex = new Map(allRuns(plan).map((r) => [r.index, r]));
    const subset = new Set([0, 5, 6, 29, 30, 59]);
    const regrouped = [...plan.jobsForRuns(subset)].flatMap((j) =>
      j.runs.map((r) => ({ ...r, symbol: j.symbol, strategy: j.strategy })),
    );
    expect(regrouped.map((r) => r.index)).toEqual([0, 5, 6, 29, 30, 59]);
    for (const r of regrouped) expect(r).toEqual(byIndex.get(r.index));
  });

  it('counts a million-run grid without materializing it', () => {
    const plan = new SweepPlan(
      spec([{ name: 's', params: { a: { from: 1, to: 1000, step: 1 }, b: { from: 1, to: 1000, step: 1 } } }], ['A']),
      ID,
      { runsPerJob: 50 },
    );
    expect(plan.totalRuns).toBe(1_000_000);
    expect(plan.totalJobs).toBe(20_000);
    const [last] = [...plan.jobs(19_999)];
    expect(last?.data.runs.at(-1)).toEqual({ index: 999_999, params: { a: 1000, b: 1000 } });
  });
});

describe('SweepPlan.count, the submit-time count', () => {
  const counted =
    (strategies: SweepSpecInput['strategies'], maxRuns: number, symbols = ['A', 'B']) =>
    () =>
      SweepPlan.count(spec(strategies, symbols), ID, { maxRuns });

  it('refuses an 18-million-run grid with its exact count before enumerating any combination', () => {
    const typo = counted(
      [{ name: 's', params: { fast: { from: 2, to: 50, step: 0.0001 }, slow: { from: 60, to: 97, step: 1 } } }],
      1_000_000,
    );
    expect(typo).toThrow(SweepTooLargeError);
    expect(typo).toThrow('the sweep has 36,480,076 runs, over the limit of 1,000,000');
  });

  it('counts a constrained grid only as far as the limit, and says it has more', () => {
    const constrained = counted(
      [{ name: 's', params: { a: { from: 1, to: 2000, step: 1 }, b: { from: 1, to: 2000, step: 1 } }, where: 'a < b' }],
      1000,
    );
    expect(constrained).toThrow('the sweep has more than 1,000 runs, over the limit of 1,000');
    expect(counted([{ name: 's', params: { a: [1, 2, 3], b: [1, 2, 3] }, where: 'a < b' }], 6)().totalRuns).toBe(6);
  });

  it('adds exact counts of unconstrained strategies before counting constrained ones', () => {
    expect(
      counted(
        [
          { name: 's', params: { a: { from: 1, to: 100, step: 1 } } },
          {
            name: 't',
            params: { a: { from: 1, to: 4000, step: 1 }, b: { from: 1, to: 1000, step: 1 } },
            where: 'a < b',
          },
        ],
        150,
      ),
    ).toThrow('the sweep has at least 200 runs, over the limit of 150');
  });

  it('refuses a strategy whose where prunes every combination, so a sweep never runs nothing', () => {
    const empty = counted([{ name: 's', params: { a: [5, 6], b: [1, 2] }, where: 'a < b' }], 100);
    expect(empty).toThrow(EmptySweepError);
    expect(empty).toThrow(
      'strategies[0].where: prunes all 4 combinations of s, so the sweep would run nothing; loosen the constraints',
    );
  });

  it('refuses to enumerate a constrained grid beyond the enumeration limit, at once', () => {
    const huge = counted(
      [{ name: 's', params: { a: { from: 1, to: 1e6, step: 1 }, b: { from: 1, to: 1e6, step: 1 } }, where: 'a < b' }],
      1e15,
    );
    expect(huge).toThrow(SweepPlanError);
    expect(huge).toThrow(
      `strategies[0]: 1,000,000,000,000 combinations are too many to filter or sample (limit ${MAX_ENUMERATED_COMBINATIONS.toLocaleString('en')})`,
    );
  });
});

describe('SweepPlan job sizes', () => {
  it('bounds every job from above without enumerating, and finds the first oversized job exactly', () => {
    const plan = new SweepPlan(
      spec(
        [{ name: 's', params: { a: { from: 1, to: 300, step: 1 }, long_parameter_name: [0.125, 1234567.5] } }],
        ['A', 'B'],
      ),
      ID,
      { runsPerJob: 40 },
    );
    const bytes = [...plan.jobs()].map((j) => runJobBytes({ ...j.data, trace: { traceparent: 'x' } }));
    const bound = plan.largestJobBytes({ trace: { traceparent: 'x' } });
    expect(bound, 'the bound holds for every job').toBeGreaterThanOrEqual(Math.max(...bytes));
    expect(bound - Math.max(...bytes), 'and is tight for numbers of known length').toBeLessThan(40 * 8);
    expect(plan.firstOversizedJob(bound)).toBeUndefined();
    const limit = Math.max(...bytes) - 1;
    expect(plan.firstOversizedJob(limit, { trace: { traceparent: 'x' } })).toEqual({
      jobIndex: bytes.findIndex((b) => b > limit),
      bytes: Math.max(...bytes),
    });
  });
});
