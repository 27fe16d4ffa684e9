import type { BarSeries } from '../../src/data/bar-series.js';

/** A bar for hand-built series; high/low default to the max/min of open and close. */
export interface BarInput {
  readonly open: number;
  readonly close: number;
  readonly high?: number;
  readonly low?: number;
  readonly volume?: number;
}

const DAY = 86_400_000;
const START = Date.UTC(2020, 0, 1);

/** A daily series from explicit bars, one day apart from 2020-01-01. */
export function seriesFromBars(bars: readonly BarInput[], interval = '1d', symbol = 'TEST'): BarSeries {
  const length = bars.length;
  const column = (pick: (bar: BarInput) => number): Float64Array => Float64Array.from(bars, pick);
  return {
    symbol,
    interval,
    length,
    time: Float64Array.from(bars, (_, i) => START + i * DAY),
    open: column((b) => b.open),
    high: column((b) => b.high ?? Math.max(b.open, b.close)),
    low: column((b) => b.low ?? Math.min(b.open, b.close)),
    close: column((b) => b.close),
    volume: column((b) => b.volume ?? 1000),
  };
}

/** A daily series whose opens equal its closes, so a next-bar fill happens at the next close's price. */
export function seriesFromCloses(closes: readonly number[], interval = '1d'): BarSeries {
  return seriesFromBars(
    closes.map((close) => ({ open: close, close })),
    interval,
  );
}
