import { type RunJob, resolveSettings } from '@fleet/contracts';
import { runSweep } from '@fleet/engine';
import { blockStats, sharpeEstimate, simpleReturns } from '@fleet/validation';
import { describe, expect, it } from 'vitest';
import { engineBaseConfig } from './engine-config.js';
import { evaluateInline, type VersionedSeries } from './execute-run-job.js';
import { replayReturns } from './replay-returns.js';
import { returnStatisticsOfRun } from './return-statistics-of-run.js';

const DAY = 86_400_000;
const closes = Array.from({ length: 700 }, (_, i) => 100 + 25 * Math.sin(i / 40) + 7 * Math.sin(i / 4.1) + i / 20);
const series: VersionedSeries = {
  symbol: 'TEST',
  interval: '1d',
  dataVersion: '0123456789abcdef',
  length: closes.length,
  time: Float64Array.from(closes, (_, i) => Date.UTC(2020, 0, 1) + i * DAY),
  open: Float64Array.from(closes, (c, i) => c + Math.sin(i) * 1.5),
  high: Float64Array.from(closes, (c) => c + 3),
  low: Float64Array.from(closes, (c) => c - 3),
  close: Float64Array.from(closes),
  volume: new Float64Array(closes.length).fill(1000),
};
const settings = resolveSettings({ commission: 0.001 });
const paramSets = [
  { fast: 5, slow: 20 },
  { fast: 10, slow: 60 },
];
const job: RunJob = {
  sweepId: '00000000-0000-4000-8000-00000000000c',
  jobIndex: 0,
  strategy: 'sma_cross',
  symbol: 'TEST',
  interval: '1d',
  start: '2020-01-01',
  end: '2022-01-01',
  settings,
  runs: paramSets.map((params, index) => ({ index, params })),
} as RunJob;

describe('the statistics of per-bar returns a worker stores with each run', () => {
  it('equal a direct computation on the full per-bar equity, and a replay gives those very returns', async () => {
    const outcomes = await evaluateInline(job, series, { engineVersion: 'e', codeVersion: 'c', dataVersion: 'd' });
    const direct = runSweep(series, engineBaseConfig(settings, 'sma_cross'), paramSets);
    const replayed = replayReturns(
      series,
      paramSets.map((params) => ({ strategy: 'sma_cross', params, settings })),
    );
    for (const [i, outcome] of outcomes.entries()) {
      const run = direct[i];
      if (outcome.status !== 'succeeded' || !run?.ok) throw new Error(`run ${i} did not succeed`);
      const returns = simpleReturns(run.equity);
      expect(returns, 'one return per pair of bars').toHaveLength(series.length - 1);
      expect(replayed[i], 'replay recomputes the identical returns').toEqual(returns);
      const estimate = sharpeEstimate(returns);
      expect(outcome.metrics.barSharpe).toBe(estimate.sharpe);
      expect(outcome.returnStatistics).toMatchObject({
        observations: estimate.observations,
        skewness: estimate.skewness,
        kurtosis: estimate.kurtosis,
        blocks: Array.from(blockStats(returns)),
      });
      const stats = outcome.returnStatistics as NonNullable<typeof outcome.returnStatistics>;
      expect(stats.mean / stats.std).toBeCloseTo(estimate.sharpe, 14);
      const buyAndHold = (closes.at(-1) as number) / (closes[0] as number) - 1;
      expect(outcome.metrics.excessReturn).toBeCloseTo((outcome.metrics.totalReturn as number) - buyAndHold, 15);
    }
  });
});

describe('a run whose equity reaches zero', () => {
  it('is stored without per-bar statistics rather than failing its job', () => {
    const stored = returnStatisticsOfRun(series, Float64Array.of(100, 50, 0, 10), -0.9);
    expect(stored.returnStatistics).toBeUndefined();
    expect(stored.metrics.barSharpe).toBeNull();
    expect(stored.metrics.excessReturn).toBeCloseTo(-0.9 - ((closes.at(-1) as number) / (closes[0] as number) - 1), 15);
  });
});
