import type { BarSeries } from '../data/bar-series.js';

/**
 * The portfolio's bars: the union of every symbol's timestamps in time order, and for each symbol which of its rows
 * (if any) falls on each portfolio bar. Built once per run so the loop only reads arrays.
 */
export class MergedCalendar {
  /** Portfolio bar times, epoch ms UTC, strictly increasing. */
  readonly time: Float64Array;
  /** Per symbol (in the run's symbol order), its row at each portfolio bar, or −1 when it has no bar there. */
  readonly rowAt: readonly Int32Array[];
  /** Per symbol, the portfolio bar of its first row. */
  readonly firstBar: Int32Array;

  constructor(series: readonly BarSeries[]) {
    const union = new Set<number>();
    for (const one of series) for (let i = 0; i < one.length; i++) union.add(one.time[i] as number);
    this.time = Float64Array.from(union).sort();
    const length = this.time.length;
    this.firstBar = new Int32Array(series.length);
    this.rowAt = series.map((one, s) => {
      const rows = new Int32Array(length).fill(-1);
      let row = 0;
      for (let bar = 0; bar < length && row < one.length; bar++) {
        if (this.time[bar] === one.time[row]) {
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
