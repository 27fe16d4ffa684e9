/** One point of the reported equity curve. */
export interface EquityPoint {
  /** Bar time, epoch ms UTC. */
  readonly time: number;
  /** Equity marked at the bar's close (approximate float). */
  readonly equity: number;
  /** Fraction below the running peak at that bar. */
  readonly drawdown: number;
}

/** Maximum points in a reported equity curve, small enough to store per run and chart directly. */
const MAX_EQUITY_POINTS = 1000;

/**
 * Downsamples the per-bar equity to at most `maxPoints` points without hiding what a chart must show: the first and
 * last bars, the highest and lowest equity, the deepest drawdown, and the min and max of every bucket of bars
 * (min/max decimation), so no spike disappears.
 * @defaultValue maxPoints = {@link MAX_EQUITY_POINTS}
 * @example
 * sampleEquityCurve(time, equity, drawdown).length; // ≤ 1000
 */
export function sampleEquityCurve(
  time: Float64Array,
  equity: Float64Array,
  drawdown: Float64Array,
  maxPoints = MAX_EQUITY_POINTS,
): EquityPoint[] {
  const n = equity.length;
  const points: EquityPoint[] = [];
  if (n <= maxPoints) {
    for (let i = 0; i < n; i++) points.push(equityPoint(time, equity, drawdown, i));
    return points;
  }
  let deepest = 0;
  for (let i = 1; i < n; i++) if ((drawdown[i] as number) > (drawdown[deepest] as number)) deepest = i;
  // The highest and lowest equity are some bucket's extremes already, so the kept bars are the buckets' extremes
  // plus the first, the last and the deepest bar. Emitted bucket by bucket they come in time order, with the
  // deepest bar slotted in before the first bar after it.
  let last = -1;
  let deepestPending = true;
  const add = (i: number): void => {
    if (i === last) return;
    points.push(equityPoint(time, equity, drawdown, i));
    last = i;
  };
  const emit = (i: number): void => {
    if (deepestPending && deepest <= i) {
      deepestPending = false;
      add(deepest);
    }
    add(i);
  };
  emit(0);
  // At least one bucket: with none, the whole curve is the one whose extremes are the highest and lowest bars.
  const buckets = Math.max(1, Math.floor((maxPoints - 5) / 2));
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor((b * n) / buckets);
    const end = Math.floor(((b + 1) * n) / buckets);
    let low = start;
    let high = start;
    let lowValue = equity[start] as number;
    let highValue = lowValue;
    for (let i = start + 1; i < end; i++) {
      const value = equity[i] as number;
      if (value < lowValue) {
        low = i;
        lowValue = value;
      }
      if (value > highValue) {
        high = i;
        highValue = value;
      }
    }
    emit(Math.min(low, high));
    emit(Math.max(low, high));
  }
  emit(n - 1);
  return points;
}

function equityPoint(time: Float64Array, equity: Float64Array, drawdown: Float64Array, i: number): EquityPoint {
  return { time: time[i] as number, equity: equity[i] as number, drawdown: drawdown[i] as number };
}
