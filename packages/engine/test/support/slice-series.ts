import type { BarSeries } from '../../src/data/bar-series.js';

/** The bars of `series` from `from` to `to` inclusive (ISO dates, UTC), as `fleet backtest --from/--to` selects them. */
export function sliceSeries(series: BarSeries, from: string, to: string): BarSeries {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T23:59:59.999Z`);
  let first = 0;
  while (first < series.length && (series.time[first] as number) < start) first++;
  let last = first;
  while (last < series.length && (series.time[last] as number) <= end) last++;
  return {
    symbol: series.symbol,
    interval: series.interval,
    length: last - first,
    time: series.time.slice(first, last),
    open: series.open.slice(first, last),
    high: series.high.slice(first, last),
    low: series.low.slice(first, last),
    close: series.close.slice(first, last),
    volume: series.volume.slice(first, last),
  };
}
