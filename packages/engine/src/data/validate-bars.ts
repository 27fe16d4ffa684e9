import { InvalidDataError } from '../errors.js';
import type { BarSeries } from './bar-series.js';

function isoTime(time: number): string | null {
  return Number.isFinite(time) ? new Date(time).toISOString() : null;
}

/**
 * Refuses bars the engine cannot trade on honestly, before any run starts: a silent bad bar would produce a
 * plausible but wrong result. Checks, per bar: finite numbers, prices > 0, volume ≥ 0,
 * high ≥ max(open, close), low ≤ min(open, close), and strictly increasing timestamps.
 *
 * @throws {@link InvalidDataError} naming the symbol, the bar's ISO time and the rule broken.
 * @example
 * validateBars(series); // throws InvalidDataError('ORCL', '1995-01-04T00:00:00.000Z', 'high < close') on a bad bar
 */
export function validateBars(series: BarSeries): void {
  const { symbol, length, time, open, high, low, close, volume } = series;
  if (!Number.isInteger(length) || length < 0) {
    throw new InvalidDataError(symbol, null, `length must be a non-negative integer, got ${length}`);
  }
  if (length === 0) throw new InvalidDataError(symbol, null, 'series has no bars');
  for (const [name, column] of [
    ['time', time],
    ['open', open],
    ['high', high],
    ['low', low],
    ['close', close],
    ['volume', volume],
  ] as const) {
    if (column.length !== length) {
      throw new InvalidDataError(symbol, null, `${name} has ${column.length} values but length is ${length}`);
    }
  }
  let previousTime = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < length; i++) {
    const t = time[i] as number;
    const o = open[i] as number;
    const h = high[i] as number;
    const l = low[i] as number;
    const c = close[i] as number;
    const v = volume[i] as number;
    // Every rule at once, false for NaN: 0 < low ≤ open, close ≤ high < ∞ covers all four prices.
    const good = t > previousTime && t < Infinity && l > 0 && l <= o && l <= c && h >= o && h >= c && h < Infinity;
    if (!(good && v >= 0 && v < Infinity)) {
      const rule = barProblem(t, previousTime, o, h, l, c, v);
      if (rule !== undefined) throw new InvalidDataError(symbol, isoTime(t), `bar ${i}: ${rule}`);
    }
    previousTime = t;
  }
}

/** The first rule a bar breaks, or `undefined` for a good bar; asked only about a bar the combined check refused. */
function barProblem(t: number, previousTime: number, o: number, h: number, l: number, c: number, v: number) {
  if (!Number.isFinite(t)) return 'time is not a finite number';
  if (t === previousTime) return 'duplicate timestamp';
  if (!(t > previousTime)) return 'timestamps must be strictly increasing';
  if (!Number.isFinite(o) || !Number.isFinite(h) || !Number.isFinite(l) || !Number.isFinite(c)) {
    return 'prices must be finite numbers';
  }
  if (!Number.isFinite(v)) return 'volume must be a finite number';
  if (!(o > 0 && h > 0 && l > 0 && c > 0)) return 'prices must be > 0';
  if (!(v >= 0)) return 'volume must be ≥ 0';
  if (h < o || h < c) return 'high must be ≥ max(open, close)';
  if (l > o || l > c) return 'low must be ≤ min(open, close)';
  return undefined;
}
