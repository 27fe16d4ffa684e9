/** What volatility, Sharpe and Sortino start from: the mean, sample deviation and downside of a run's bar returns. */
export interface ReturnMoments {
  /** Bar returns, one fewer than equity marks. */
  readonly count: number;
  /** `NaN` for no returns. */
  readonly mean: number;
  /** Sample standard deviation (divides by n − 1); `NaN` below two returns. */
  readonly deviation: number;
  /** √(mean of min(0, r − threshold)²) over all returns: how far returns fall short of the threshold. */
  readonly downside: number;
}

/**
 * The {@link ReturnMoments} of the simple bar returns `equity[i] / equity[i − 1] − 1`, in two passes over the equity
 * and without an array of returns: the first sums the returns and their squared shortfalls below `threshold` (the
 * per-bar risk-free rate), the second the squared deviations from the mean. Approximate (float), like every statistic.
 * @example
 * returnMoments(Float64Array.of(100, 102, 102), 0); // { count: 2, mean: 0.01, deviation: 0.0141…, downside: 0 }
 */
export function returnMoments(equity: Float64Array, threshold: number): ReturnMoments {
  const count = Math.max(0, equity.length - 1);
  let sum = 0;
  let shortfalls = 0;
  for (let i = 1; i < equity.length; i++) {
    const value = (equity[i] as number) / (equity[i - 1] as number) - 1;
    sum += value;
    const shortfall = Math.min(0, value - threshold);
    shortfalls += shortfall * shortfall;
  }
  const mean = sum / count;
  let deviation = Number.NaN;
  if (count >= 2) {
    let squares = 0;
    for (let i = 1; i < equity.length; i++) {
      const d = (equity[i] as number) / (equity[i - 1] as number) - 1 - mean;
      squares += d * d;
    }
    deviation = Math.sqrt(squares / (count - 1));
  }
  return { count, mean, deviation, downside: Math.sqrt(shortfalls / count) };
}
