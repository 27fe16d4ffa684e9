import type { BarSeries } from '../data/bar-series.js';

/**
 * The portfolio's bars: the union of every symbol's timestamps in time order, and for each symbol which of its rows
 * (if any) falls on each portfolio bar. Built once per run by a k-way merge of the already sorted series, so the
 * loop only reads arrays.
 */
export class MergedCalendar {
  /** Portfolio bar times, epoch ms UTC, strictly increasing. */
  readonly time: Float64Array;
  /** Per symbol (in the run's symbol order), its row at each portfolio bar, or −1 when it has no bar there. */
  readonly rowAt: readonly Int32Array[];
  /** Per symbol, the portfolio bar of its first row. */
  readonly firstBar: Int32Array;

  constructor(series: readonly BarSeries[]) {
    const symbols = series.length;
    this.firstBar = new Int32Array(symbols);
    const first = series[0] as BarSeries;
    if (series.every((one) => sameTimes(one, first))) {
      // The common case of one market's symbols over one range: every row is its own portfolio bar.
      this.time = first.time;
      const identity = Int32Array.from({ length: first.length }, (_, i) => i);
      this.rowAt = series.map(() => identity);
      return;
    }
    const next = new Int32Array(symbols);
    const times: number[] = [];
    for (;;) {
      let earliest = Number.POSITIVE_INFINITY;
      for (let s = 0; s < symbols; s++) {
        const one = series[s] as BarSeries;
        const row = next[s] as number;
        if (row < one.length && (one.time[row] as number) < earliest) earliest = one.time[row] as number;
      }
      if (earliest === Number.POSITIVE_INFINITY) break;
      times.push(earliest);
      for (let s = 0; s < symbols; s++) {
        const one = series[s] as BarSeries;
        if (one.time[next[s] as number] === earliest) next[s] = (next[s] as number) + 1;
      }
    }
    this.time = Float64Array.from(times);
    this.rowAt = series.map((one, s) => {
      const rows = new Int32Array(times.length).fill(-1);
      let row = 0;
      for (let bar = 0; bar < times.length && row < one.length; bar++) {
        if (times[bar] === one.time[row]) {
          if (row === 0) this.firstBar[s] = bar;
          rows[bar] = row++;
        }
      }
      return rows;
    });
  }

  get length(): number {
    return this.time.length;
  }
}

function sameTimes(a: BarSeries, b: BarSeries): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a.time[i] !== b.time[i]) return false;
  return true;
}
