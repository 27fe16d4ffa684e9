import { mean } from './mean.js';
import { sampleStandardDeviation } from './sample-standard-deviation.js';

/**
 * Annualized Sharpe ratio: mean excess bar return over its sample standard deviation, times √barsPerYear. The
 * annual risk-free rate is spread evenly over the bars (`riskFreeRate / barsPerYear` per bar). `null` with fewer
 * than two returns or zero volatility.
 * @example
 * sharpeRatio(Float64Array.of(0.02, 0), 0, 252); // ≈ 11.22
 */
export function sharpeRatio(returns: Float64Array, riskFreeRate: number, barsPerYear: number): number | null {
  const deviation = sampleStandardDeviation(returns);
  if (!(deviation > 0)) return null;
  return ((mean(returns) - riskFreeRate / barsPerYear) / deviation) * Math.sqrt(barsPerYear);
}
