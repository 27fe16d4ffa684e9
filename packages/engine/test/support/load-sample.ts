import { fileURLToPath } from 'node:url';
import type { ParsedBar } from '@fleet/contracts';
import { readBarsFile } from '@fleet/market-data';
import type { BarSeries } from '../../src/data/bar-series.js';

/** Parsed bars as engine columns, each decimal string as the nearest double (as Postgres' `numeric::float8` gives). */
export function seriesFromParsedBars(symbol: string, interval: string, bars: readonly ParsedBar[]): BarSeries {
  const column = (pick: (bar: ParsedBar) => string | number) => Float64Array.from(bars, (bar) => Number(pick(bar)));
  return {
    symbol,
    interval,
    length: bars.length,
    time: column((b) => b.time),
    open: column((b) => b.open),
    high: column((b) => b.high),
    low: column((b) => b.low),
    close: column((b) => b.close),
    volume: column((b) => b.volume),
  };
}

/**
 * Loads one of the repository's bundled sample files through market-data's reader, the one every import uses, with
 * raw (unadjusted) prices, so engine tests run on exactly the bars a worker would get.
 */
export async function loadSample(file: string, symbol: string, interval = '1d'): Promise<BarSeries> {
  const path = fileURLToPath(new URL(`../../../../data/samples/${file}`, import.meta.url));
  const { bars } = await readBarsFile(path);
  return seriesFromParsedBars(symbol, interval, bars);
}
