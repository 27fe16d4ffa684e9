import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../src/run-backtest.js';
import { runSweep } from '../src/run-sweep.js';
import { loadSample } from './support/load-sample.js';
import { seriesFromCloses } from './support/synthetic-series.js';

const nvda = await loadSample('nvda-1999-2014.csv', 'NVDA');
const base = { cash: '100000', commission: { kind: 'percent', rate: '0.001' } } as const;

describe('runSweep', () => {
  it.each([
    [
      'sma_cross',
      [
        { fast: 5, slow: 20 },
        { fast: 10, slow: 30 },
        { fast: 10, slow: 50 },
        { fast: 20, slow: 50 },
      ],
    ],
    [
      'rsi_reversion',
      [
        { period: 14, low: 30, high: 70 },
        { period: 7, low: 20, high: 80 },
      ],
    ],
    [
      'bollinger_reversion',
      [
        { period: 20, k: 2 },
        { period: 20, k: 1.5 },
      ],
    ],
    [
      'donchian_breakout',
      [
        { entry: 20, exit: 10 },
        { entry: 55, exit: 20 },
      ],
    ],
    ['buy_and_hold', [{}]],
  ])('gives exactly what runBacktest gives for each %s parameter set on NVDA', (strategy, paramSets) => {
    const outcomes = runSweep(nvda, { ...base, strategy }, paramSets);
    expect(outcomes).toHaveLength(paramSets.length);
    paramSets.forEach((params, i) => {
      const single = runBacktest(nvda, { ...base, strategy, params });
      const outcome = outcomes[i];
      expect(outcome, JSON.stringify(params)).toEqual({ ok: true, result: single, equity: expect.any(Float64Array) });
      const equity = outcome?.ok ? outcome.equity : new Float64Array();
      expect(equity, 'one equity mark per bar, as the sampled curve').toHaveLength(nvda.length);
      expect(single.equityCurve.every((p) => equity[nvda.time.indexOf(p.time)] === p.equity)).toBe(true);
    });
  });

  it('reports a bad parameter set as its own outcome without failing the others', () => {
    const outcomes = runSweep(nvda, { ...base, strategy: 'sma_cross' }, [
      { fast: 10, slow: 30 },
      { fast: 30, slow: 10 },
    ]);
    expect(outcomes[0]?.ok).toBe(true);
    expect(outcomes[1]).toEqual({
      ok: false,
      error: {
        name: 'ConfigError',
        code: 'ENGINE_INVALID_CONFIG',
        message: 'invalid backtest configuration: sma_cross.fast: must be less than slow',
      },
    });
  });

  it('never throws: bad bars or a bad base config fail every outcome', () => {
    const unsorted = { ...seriesFromCloses([1, 2, 3]), time: Float64Array.of(3, 2, 1) };
    const bars = runSweep(unsorted, { ...base, strategy: 'sma_cross' }, [{}, {}]);
    expect(bars.map((o) => !o.ok && o.error.name)).toEqual(['InvalidDataError', 'InvalidDataError']);
    const config = runSweep(nvda, { ...base, strategy: 'sma_cross', cash: '-1' }, [{}]);
    expect(config.map((o) => !o.ok && o.error.code)).toEqual(['ENGINE_INVALID_CONFIG']);
  });

  it('streams outcomes to onOutcome and keeps none of them (equity curves and trades) meanwhile', () => {
    setFlagsFromString('--expose_gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const config = { ...base, strategy: 'sma_cross' };
    const paramSets = Array.from({ length: 40 }, (_, i) => ({ fast: 5 + (i % 10), slow: 50 }));
    const before = heap();
    const kept = runSweep(nvda, config, paramSets.slice(0, 10));
    const perOutcome = (heap() - before) / kept.length;
    kept.length = 0;

    let atSecond = 0;
    let atLast = 0;
    const returned = runSweep(nvda, config, paramSets, {
      onOutcome: (_, i) => {
        if (i === 1) atSecond = heap();
        if (i === paramSets.length - 1) atLast = heap();
      },
    });
    expect(returned, 'nothing is collected for a caller that streams').toBeUndefined();
    expect(perOutcome, 'an outcome holds an equity curve of thousands of points').toBeGreaterThan(50_000);
    expect(
      (atLast - atSecond) / perOutcome,
      'outcomes already streamed are garbage while the sweep runs on (38 would mean all are kept)',
    ).toBeLessThan(5);
  });
});
