import type { BarSeries } from '../data/bar-series.js';

/**
 * Parses the sample CSV layouts in `data/samples` (Yahoo `Date,Open,High,Low,Close,Adj Close,Volume`, a
 * `Date,Time,…` intraday layout, and an unnamed datetime first column) into a {@link BarSeries}, reading the raw
 * Open/High/Low/Close (never Adj Close) and treating times as UTC. Only the benchmark and tests read files; the
 * engine itself does no I/O.
 *
 * @example
 * parseBarCsv(readFileSync('data/samples/orcl-1995-2014.csv', 'utf8'), 'ORCL', '1d').length; // 5036
 */
export function parseBarCsv(text: string, symbol: string, interval: string): BarSeries {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = (lines[0] ?? '').split(',').map((name) => name.trim().toLowerCase());
  const column = (name: string): number => header.indexOf(name);
  const dateColumn = Math.max(column('date'), 0);
  const timeColumn = column('time');
  const columns = ['open', 'high', 'low', 'close', 'volume'].map(column);
  if (columns.some((index) => index < 0)) throw new Error(`${symbol}: CSV header lacks Open/High/Low/Close/Volume`);
  const length = lines.length - 1;
  const arrays = Array.from({ length: 6 }, () => new Float64Array(length));
  const [time, open, high, low, close, volume] = arrays as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  for (let row = 0; row < length; row++) {
    const cells = (lines[row + 1] as string).split(',');
    const date = (cells[dateColumn] ?? '').trim();
    const clock = timeColumn >= 0 ? ` ${(cells[timeColumn] ?? '').trim()}` : '';
    const stamp = `${date}${clock}`.trim().replace(' ', 'T');
    time[row] = Date.parse(stamp.includes('T') ? `${stamp}Z` : `${stamp}T00:00:00Z`);
    columns.forEach((index, k) => {
      (arrays[k + 1] as Float64Array)[row] = Number(cells[index]);
    });
  }
  return { symbol, interval, length, time, open, high, low, close, volume };
}
