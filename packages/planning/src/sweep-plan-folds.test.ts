import { SweepSpec, type SweepSpecInput } from '@fleet/contracts';
import { describe, expect, it } from 'vitest';
import { findSweepProblems } from './find-sweep-problems.js';
import { formatIssues } from './format-issues.js';
import { SweepPlan } from './sweep-plan.js';
import { SweepTooLargeError } from './sweep-too-large-error.js';

const ID = '00000000-0000-4000-8000-000000000000';
const base = {
  name: 'wf',
  symbols: ['ORCL', 'NVDA'],
  start: '2000-01-01',
  end: '2004-12-31',
  strategies: [{ name: 'sma_cross', params: { fast: [5, 10], slow: [50, 100, 200] } }],
} satisfies SweepSpecInput;
const walkForward = { walkForward: { train: '3y', test: '1y', step: '1y' }, select: 'sharpe', minTrades: 3 };

const problemsOf = (input: unknown) => {
  const parsed = SweepSpec.safeParse(input);
  return parsed.success ? [] : formatIssues(parsed.error.issues);
};

describe('sweep file validation block', () => {
  it('accepts holdout or walkForward with a rankable select metric, defaulting anchored and minTrades', () => {
    const spec = SweepSpec.parse({
      ...base,
      validation: { walkForward: { train: '3y', test: '1y', step: '1y' }, select: 'cagr' },
    });
    expect(spec.validation).toEqual({
      walkForward: { train: '3y', test: '1y', step: '1y', anchored: false },
      select: 'cagr',
      minTrades: 0,
    });
    expect(
      SweepSpec.parse({ ...base, validation: { holdout: '2003-01-01', select: 'sharpe' } }).validation?.holdout,
    ).toBe('2003-01-01');
  });

  it('refuses every malformed block with one line naming the key', () => {
    expect(problemsOf({ ...base, validation: { select: 'sharpe' } })).toEqual([
      'validation: give exactly one of holdout and walkForward',
    ]);
    expect(problemsOf({ ...base, validation: { ...walkForward, holdout: '2003-01-01' } })).toEqual([
      'validation: give exactly one of holdout and walkForward',
    ]);
    expect(problemsOf({ ...base, validation: { ...walkForward, select: 'closedTrades' } })[0]).toMatch(
      /^validation\.select: must be a rankable metric: finalEquity, totalReturn, cagr/,
    );
    expect(
      problemsOf({
        ...base,
        validation: { ...walkForward, walkForward: { train: '3 years', test: '1y', step: '1y' } },
      }),
    ).toEqual(['validation.walkForward.train: must be a duration such as 10d, 2w, 6m or 3y']);
    expect(problemsOf({ ...base, validation: { ...walkForward, minTrades: -1 } })).toEqual([
      'validation.minTrades: must be a whole number ≥ 0',
    ]);
    expect(problemsOf({ ...base, validation: { ...walkForward, extra: 1 } })[0]).toMatch(/^validation: .*extra/);
    expect(problemsOf({ ...base, end: '2004-12-31T12:00:00Z', validation: walkForward })).toEqual([
      'validation: a sweep with validation windows gives start and end as days YYYY-MM-DD (windows are cut on the calendar)',
    ]);
  });

  it('reports windows that do not fit the range among the sweep’s problems', () => {
    const spec = SweepSpec.parse({ ...base, validation: { holdout: '2006-01-01', select: 'sharpe' } });
    const catalog = { strategies: [], series: [], parseParams: () => ({}) };
    expect(findSweepProblems(spec, catalog)).toContain(
      'validation.holdout: 2006-01-01 must be after the start 2000-01-01 and not after the end 2004-12-31',
    );
  });
});

describe('SweepPlan with walk-forward folds', () => {
  const spec = SweepSpec.parse({ ...base, validation: walkForward });
  const plan = new SweepPlan(spec, ID, { runsPerJob: 4 });

  it('plans every combination once per fold in sample, then one out-of-sample run per group and fold', () => {
    expect(plan.folds.map((f) => f.outOfSample.start)).toEqual(['2003-01-01', '2004-01-01']);
    // 6 combinations × 2 symbols × 2 folds in sample, plus 2 groups × 2 folds out of sample.
    expect(plan.totalRuns).toBe(6 * 2 * 2 + 2 * 2);
    expect(plan.totalJobs, 'only in-sample jobs are known before selection').toBe(2 * 2 * Math.ceil(6 / 4));
    expect(plan.outOfSampleSlots).toEqual(
      [
        { runIndex: 24, fold: 0, group: 0, strategy: 'sma_cross', symbol: 'ORCL', inSample: { firstRun: 0, runs: 6 } },
        { runIndex: 25, fold: 0, group: 1, strategy: 'sma_cross', symbol: 'NVDA', inSample: { firstRun: 6, runs: 6 } },
        { runIndex: 26, fold: 1, group: 0, strategy: 'sma_cross', symbol: 'ORCL', inSample: { firstRun: 12, runs: 6 } },
        { runIndex: 27, fold: 1, group: 1, strategy: 'sma_cross', symbol: 'NVDA', inSample: { firstRun: 18, runs: 6 } },
      ].map((slot) => expect.objectContaining(slot)),
    );
  });

  it('gives in-sample jobs warm-up from the sweep’s start and the fold’s window, and out-of-sample jobs theirs', () => {
    const jobs = [...plan.jobs()];
    const fold1 = jobs.find((j) => j.data.runs[0]?.index === 12)?.data;
    expect(fold1).toMatchObject({
      start: '2000-01-01',
      end: '2003-12-31',
      window: { fold: 1, sample: 'in_sample', from: '2001-01-01' },
    });
    expect(plan.runAt(12)).toEqual({
      strategy: 'sma_cross',
      symbol: 'ORCL',
      params: { fast: 5, slow: 50 },
      window: { fold: 1, sample: 'in_sample' },
    });
    const slot = plan.outOfSampleAt(26);
    expect(slot && plan.outOfSampleJob(slot, { params: { fast: 10, slow: 100 } })).toMatchObject({
      start: '2000-01-01',
      end: '2004-12-31',
      window: { fold: 1, sample: 'out_of_sample', from: '2004-01-01' },
      runs: [{ index: 26, params: { fast: 10, slow: 100 } }],
    });
    expect(plan.runAt(26), 'an out-of-sample run has no parameters before selection').toBeUndefined();
    expect(plan.windowOf(26)).toEqual({ fold: 1, sample: 'out_of_sample', from: '2004-01-01', end: '2004-12-31' });
  });

  it('counts the folds and out-of-sample runs against the run limit', () => {
    expect(SweepPlan.count(spec, ID, { maxRuns: 28 }).totalRuns).toBe(28);
    expect(() => SweepPlan.count(spec, ID, { maxRuns: 27 })).toThrow(SweepTooLargeError);
  });

  it('plans a holdout as one fold', () => {
    const holdout = new SweepPlan(
      SweepSpec.parse({ ...base, validation: { holdout: '2004-01-01', select: 'sharpe' } }),
      ID,
      {
        runsPerJob: 25,
      },
    );
    expect(holdout.totalRuns).toBe(12 + 2);
    expect(holdout.folds).toHaveLength(1);
  });
});
