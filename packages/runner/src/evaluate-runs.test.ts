import {
  type RunOutcome,
  resolveSettings,
  type SettingName,
  SettingNames,
  SweepSpec,
  type SweepSpecInput,
} from '@fleet/contracts';
import { runBacktest } from '@fleet/engine';
import { SweepPlan } from '@fleet/planning';
import { describe, expect, it } from 'vitest';
import { engineConfig } from './engine-config.js';
import { evaluateInline, executeRunJob, type VersionedSeries } from './execute-run-job.js';

const DAY = 86_400_000;
const closes = Array.from({ length: 400 }, (_, i) => 100 + 20 * Math.sin(i / 15) + 6 * Math.sin(i / 3.7));
const series: VersionedSeries = {
  symbol: 'TEST',
  interval: '1d',
  dataVersion: '0123456789abcdef',
  length: closes.length,
  time: Float64Array.from(closes, (_, i) => Date.UTC(2020, 0, 1) + i * DAY),
  open: Float64Array.from(closes, (c, i) => c + Math.sin(i) * 1.5),
  high: Float64Array.from(closes, (c) => c + 2),
  low: Float64Array.from(closes, (c) => c - 2),
  close: Float64Array.from(closes),
  volume: Float64Array.from(closes, () => 1000),
};

/** Two values of each setting swept as an axis, and the fixed settings it needs beside it; typed over every setting. */
const axes: { [K in SettingName]: { values: (number | string)[]; with?: Partial<SweepSpecInput> } } = {
  cash: { values: [5000, 100000] },
  size: { values: [10, 300] },
  sizePercent: { values: [10, 60] },
  sizeCash: { values: [1000, 20000] },
  commission: { values: [0.001, 0.01] },
  commissionPerShare: { values: [0.01, 0.5] },
  commissionFixed: { values: [1, 25] },
  commissionMin: { values: [1, 30], with: { commissionPerShare: 0.01 } },
  slippageBps: { values: [0, 25] },
  stopLoss: { values: [0.01, 0.08] },
  takeProfit: { values: [0.02, 0.2] },
  maxPosition: { values: [0.05, 0.9] },
  riskFreeRate: { values: [0, 0.05] },
  barsPerYear: { values: [252, 365] },
};

/** An outcome's figures that a single backtest also reports (the statistics of per-bar returns are the worker's). */
const figures = (o: RunOutcome) => {
  if (o.status === 'failed') return o.error;
  const { barSharpe: _barSharpe, excessReturn: _excessReturn, ...metrics } = o.metrics;
  return { finalEquity: o.finalEquity, closedTrades: o.closedTrades, metrics };
};

describe('a setting swept as an axis', () => {
  it.each(SettingNames)(
    '%s: each run equals a single backtest with that setting, and the values differ',
    async (key) => {
      const { values, with: fixed = {} } = axes[key];
      const spec = SweepSpec.parse({
        name: key,
        symbols: ['TEST'],
        start: '2020-01-01',
        end: '2021-12-31',
        ...fixed,
        strategies: [{ name: 'sma_cross', params: { fast: 5, slow: 20 }, [key]: values }],
      });
      const plan = new SweepPlan(spec, '00000000-0000-4000-8000-00000000000b', { runsPerJob: 10 });
      expect(plan.totalRuns, 'each value is a run').toBe(values.length);
      const outcomes: RunOutcome[] = [];
      for (const job of plan.jobs())
        outcomes.push(...(await executeRunJob(job.data, async () => series, evaluateInline, 'test')));
      const singles = values.map((value) => {
        const result = runBacktest(
          series,
          engineConfig(resolveSettings({ ...fixed, [key]: value }), 'sma_cross', { fast: 5, slow: 20 }),
        );
        return { finalEquity: result.finalEquity, closedTrades: result.closedTrades, metrics: result.metrics };
      });
      expect(outcomes.map((o) => o.settings)).toEqual(values.map((v) => ({ [key]: Number(v) })));
      expect(outcomes.map(figures)).toEqual(singles);
      expect(JSON.stringify(singles[0]), `${key} changes the result`).not.toBe(JSON.stringify(singles[1]));
      expect(new Set(outcomes.map((o) => o.cacheKey)).size, 'each value is a run of its own identity').toBe(
        values.length,
      );
    },
  );
});
