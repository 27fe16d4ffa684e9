import { fileURLToPath } from 'node:url';
import type { BarSeries } from '@fleet/engine';
import { readBarsFile } from '@fleet/market-data';

/** Two years of real Oracle daily bars cut from `data/samples/orcl-1995-2014.csv`, kept beside this package's code. */
const sampleFile = fileURLToPath(new URL('../samples/orcl-2013-2014.csv', import.meta.url));

/**
 * The sample series a scaffolded strategy's test runs on: ORCL daily, 2013-01-02 to 2014-12-31 (504 bars, raw
 * prices), read by the same reader `fleet data import` uses, so a strategy is tested on bars shaped exactly as a
 * worker gets them (each decimal as the nearest double).
 *
 * @example
 * const series = await loadSampleSeries();
 * runBacktest(series, { strategy: 'sma_cross', params: {}, cash: '100000' }).fills; // > 0
 */
export async function loadSampleSeries(): Promise<BarSeries> {
  const { bars } = await readBarsFile(sampleFile);
  const column = (pick: (bar: (typeof bars)[number]) => string | number) =>
    Float64Array.from(bars, (bar) => Number(pick(bar)));
  return {
    symbol: 'ORCL',
    interval: '1d',
    length: bars.length,
    time: column((b) => b.time),
    open: column((b) => b.open),
    high: column((b) => b.high),
    low: column((b) => b.low),
    close: column((b) => b.close),
    volume: column((b) => b.volume),
  };
}
