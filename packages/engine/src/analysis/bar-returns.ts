/**
 * Simple per-bar returns of an equity curve, `equity[i] / equity[i − 1] − 1`: the series every volatility-based
 * statistic is built on. Approximate (float), like every statistic.
 * @example
 * barReturns(Float64Array.of(100, 110, 99)); // [0.1, -0.1]
 */
export function barReturns(equity: Float64Array): Float64Array {
  const returns = new Float64Array(Math.max(0, equity.length - 1));
  for (let i = 1; i < equity.length; i++) {
    returns[i - 1] = (equity[i] as number) / (equity[i - 1] as number) - 1;
  }
  return returns;
}
