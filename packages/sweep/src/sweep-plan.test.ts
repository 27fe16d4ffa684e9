import { SweepSpec } from '@fleet/contracts';
import { describe, expect, it } from 'vitest';
import { SweepPlan } from './sweep-plan.js';

const spec = (strategies: SweepSpec['strategies'], symbols = ['ORCL', 'NVDA']) =>
  SweepSpec.parse({ name: 't', symbols, start: '2000-01-01', end: '2001-01-01', strategies });
const ID = '00000000-0000-4000-8000-000000000000';

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
  });

  it('counts decimal ranges as a person would, without float drift', () => {
    const plan = new SweepPlan(spec([{ name: 'x', params: { k: { from: 0.1, to: 0.3, step: 0.1 } } }], ['A']), ID, {
      runsPerJob: 10,
    });
    expect(plan.totalRuns).toBe(3);
    const values = [...plan.jobs()].flatMap((j) => j.data.runs.map((r) => r.params.k));
    expect(values).toEqual([0.1, 0.2, 0.3]);
  });

  it('streams every run index exactly once, in order, with the parameters runAt reports', () => {
    const plan = new SweepPlan(spec([{ name: 's', params: { a: [1, 2, 3], b: { from: 1, to: 4, step: 1 } } }]), ID, {
      runsPerJob: 5,
    });
    const runs = [...plan.jobs()].flatMap((j) => j.data.runs.map((r) => ({ ...r, symbol: j.data.symbol })));
    expect(runs.map((r) => r.index)).toEqual([...Array(plan.totalRuns).keys()]);
    for (const r of runs) {
      const at = plan.runAt(r.index);
      expect(at.run.params).toEqual(r.params);
      expect(at.symbol).toBe(r.symbol);
    }
    expect(new Set(runs.map((r) => JSON.stringify([r.symbol, r.params]))).size, 'no combination repeats').toBe(
      plan.totalRuns,
    );
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
    const plan = new SweepPlan(spec([{ name: 's', params: { a: { from: 1, to: 40, step: 1 } } }]), ID, {
      runsPerJob: 3,
    });
    const all = [...plan.jobs()];
    expect([...plan.jobs(9)]).toEqual(all.slice(9));
    expect([...plan.jobs(plan.totalJobs)]).toEqual([]);
  });

  it('counts a million-run grid instantly without materializing it', () => {
    const plan = new SweepPlan(
      spec([{ name: 's', params: { a: { from: 1, to: 1000, step: 1 }, b: { from: 1, to: 1000, step: 1 } } }], ['A']),
      ID,
      { runsPerJob: 50 },
    );
    expect(plan.totalRuns).toBe(1_000_000);
    expect(plan.totalJobs).toBe(20_000);
    const last = plan.runAt(999_999);
    expect(last.run.params).toEqual({ a: 1000, b: 1000 });
  });
});
