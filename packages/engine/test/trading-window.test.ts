import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BarSeries } from '../src/data/bar-series.js';
import { InvalidDataError } from '../src/errors.js';
import { runBacktest } from '../src/run-backtest.js';
import type { Strategy } from '../src/strategy/strategy.js';
import { barsArb } from './support/bars-arbitrary.js';
import { loadSample } from './support/load-sample.js';
import { runCustom } from './support/run-custom.js';
import { seriesFromBars, seriesFromCloses } from './support/synthetic-series.js';

const DAY = 86_400_000;
const orcl = await loadSample('orcl-1995-2014.csv', 'ORCL');

/** The bars of a series from index `from` on, with their own times: what a run without warm-up would get. */
function sliceFrom(series: BarSeries, from: number): BarSeries {
  return {
    ...series,
    length: series.length - from,
    time: series.time.subarray(from),
    open: series.open.subarray(from),
    high: series.high.subarray(from),
    low: series.low.subarray(from),
    close: series.close.subarray(from),
    volume: series.volume.subarray(from),
  };
}

/** A trader whose action on a bar depends only on that bar's date (never on how many bars came before). */
function calendarTrader(actions: readonly number[]): () => Strategy {
  return () => ({
    onBar(ctx) {
      const action = actions[Math.round(ctx.time / DAY) % actions.length];
      if (action === 1) ctx.buy({ quantity: 3 });
      else if (action === 2) ctx.sell({ quantity: 2 });
      else if (action === 3) ctx.close();
    },
  });
}

describe('trading window (warm-up)', () => {
  it('shows the strategy every warm-up bar but places no order before the window’s first bar', () => {
    const series = seriesFromCloses([10, 11, 12, 13, 14, 15, 16, 17]);
    const seen: number[] = [];
    const result = runCustom(
      series,
      () => ({
        onBar(ctx) {
          seen.push(ctx.index);
          if (ctx.position === 0) ctx.buy({ quantity: 1 });
          else ctx.close();
        },
      }),
      { tradeFrom: series.time[5] as number },
    );
    expect(seen, 'warm-up bars reach onBar').toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // Bought on bar 5's close (filled at bar 6's open, 16), closed on bar 6 (filled at bar 7's open, 17).
    expect(result.trades.map((t) => [t.entryTime, t.exitTime, t.entryPrice, t.exitPrice])).toEqual([
      [series.time[6], series.time[7], '16', '17'],
    ]);
    expect(result.finalEquity).toBe('100001');
  });

  it('starts the equity series flat at the run’s cash on the window’s first bar, and its statistics there', () => {
    const series = seriesFromCloses([50, 40, 30, 100, 110, 121]);
    const result = runCustom(series, () => ({ onBar: (ctx) => ctx.position === 0 && ctx.buy({ quantity: 500 }) }), {
      tradeFrom: series.time[3] as number,
    });
    expect(result.equityCurve.map((p) => p.time)).toEqual(Array.from(series.time.subarray(3)));
    expect(result.equityCurve[0]?.equity, 'flat at cash on the first window bar').toBe(100_000);
    // 500 units filled at 110 (bar 4's open), marked at 121 on the last bar: +5,500.
    expect(result.finalEquity).toBe('105500');
    expect(result.metrics.totalReturn).toBeCloseTo(0.055, 12);
    expect(result.metrics.maxDrawdown, 'the fall before the window is not a drawdown of the run').toBe(0);
  });

  it('takes the first bar at or after the window start when it falls between bars, and refuses a window with no bar', () => {
    const series = seriesFromCloses([1, 2, 3, 4]);
    const between = runCustom(series, () => ({ onBar: () => {} }), { tradeFrom: (series.time[1] as number) + 1 });
    expect(between.equityCurve[0]?.time).toBe(series.time[2]);
    expect(() => runCustom(series, () => ({ onBar: () => {} }), { tradeFrom: (series.time[3] as number) + 1 })).toThrow(
      InvalidDataError,
    );
  });

  it('a window run equals a run without warm-up on the bars from the window start, for a strategy that reads no history', () => {
    fc.assert(
      fc.property(barsArb, fc.array(fc.nat(3), { minLength: 1, maxLength: 9 }), fc.nat(119), (bars, actions, cut) => {
        const full = seriesFromBars(bars);
        const from = Math.min(cut, full.length - 1);
        const windowed = runCustom(full, calendarTrader(actions), { tradeFrom: full.time[from] as number });
        const plain = runCustom(sliceFrom(full, from), calendarTrader(actions));
        expect(windowed).toEqual(plain);
      }),
    );
  });

  it('once indicators are warm, more warm-up history changes nothing (sma_cross on ORCL)', () => {
    const config = { strategy: 'sma_cross', params: { fast: 10, slow: 50 }, cash: '100000' };
    const start = 3000;
    const tradeFrom = orcl.time[start] as number;
    const long = runBacktest(orcl, { ...config, tradeFrom });
    const short = runBacktest(sliceFrom(orcl, start - 200), { ...config, tradeFrom });
    expect(long.closedTrades, 'the window trades').toBeGreaterThan(5);
    expect(short).toEqual(long);
    expect(long.trades[0]?.entryTime ?? 0).toBeGreaterThan(tradeFrom);
  });
});
