/**
 * Sample variance (ddof 1) of a list of values, 0 for fewer than 2: V, the dispersion of the trials' per-bar Sharpe
 * ratios that scales the deflated Sharpe ratio's benchmark (see {@link expectedMaximumSharpe}).
 *
 * @example
 * sampleVariance([0.01, 0.03, 0.05]); // 0.0004
 */
export function sampleVariance(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] as number;
  const mean = sum / n;
  let deviations = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] as number) - mean;
    deviations += d * d;
  }
  return deviations / (n - 1);
}
