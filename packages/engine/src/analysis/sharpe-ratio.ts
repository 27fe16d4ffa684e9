import type { ReturnMoments } from './return-moments.js';

/**
 * Annualized Sharpe ratio: mean excess bar return over its sample standard deviation, times √barsPerYear. The
 * annual risk-free rate is spread evenly over the bars (`riskFreeRate / barsPerYear` per bar). `null` with fewer
 * than two returns or zero volatility.
 * @example
 * sharpeRatio(returnMoments(Float64Array.of(100, 102, 102), 0), 0, 252); // ≈ 11.22
 */
export function sharpeRatio(moments: ReturnMoments, riskFreeRate: number, barsPerYear: number): number | null {
  const { deviation } = moments;
  if (!(deviation > 0)) return null;
  return ((moments.mean - riskFreeRate / barsPerYear) / deviation) * Math.sqrt(barsPerYear);
}
