import type { ReturnMoments } from './return-moments.js';

/**
 * Annualized Sortino ratio: mean excess bar return over the downside deviation, times √barsPerYear. Downside
 * deviation is √(mean over all bars of min(0, r − rf)²) with rf = `riskFreeRate / barsPerYear`, so only returns
 * below the risk-free rate count as risk. `null` with fewer than two returns or no downside.
 * @example
 * const returns = Float64Array.of(0.02, -0.01);
 * sortinoRatio(returns, returnMoments(returns), 0, 252); // ≈ 11.22
 */
export function sortinoRatio(
  returns: Float64Array,
  moments: ReturnMoments,
  riskFreeRate: number,
  barsPerYear: number,
): number | null {
  const n = returns.length;
  if (n < 2) return null;
  const threshold = riskFreeRate / barsPerYear;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const shortfall = Math.min(0, (returns[i] as number) - threshold);
    sum += shortfall * shortfall;
  }
  const downside = Math.sqrt(sum / n);
  if (!(downside > 0)) return null;
  return ((moments.mean - threshold) / downside) * Math.sqrt(barsPerYear);
}
