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
  const point = (i: number): EquityPoint => ({
    time: time[i] as number,
    equity: equity[i] as number,
    drawdown: drawdown[i] as number,
  });
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => point(i));
  const keep = new Uint8Array(n);
  let highest = 0;
  let lowest = 0;
  let deepest = 0;
  for (let i = 1; i < n; i++) {
    if ((equity[i] as number) > (equity[highest] as number)) highest = i;
    if ((equity[i] as number) < (equity[lowest] as number)) lowest = i;
    if ((drawdown[i] as number) > (drawdown[deepest] as number)) deepest = i;
  }
  for (const i of [0, n - 1, highest, lowest, deepest]) keep[i] = 1;
  const buckets = Math.floor((maxPoints - 5) / 2);
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor((b * n) / buckets);
    const end = Math.floor(((b + 1) * n) / buckets);
    let low = start;
    let high = start;
    for (let i = start + 1; i < end; i++) {
      if ((equity[i] as number) < (equity[low] as number)) low = i;
      if ((equity[i] as number) > (equity[high] as number)) high = i;
    }
    keep[low] = 1;
    keep[high] = 1;
  }
  const points: EquityPoint[] = [];
  for (let i = 0; i < n; i++) if (keep[i] === 1) points.push(point(i));
  return points;
}
