import type { ReturnMoments } from './return-moments.js';

/**
 * Annualized Sortino ratio: mean excess bar return over the downside deviation, times √barsPerYear. Downside
 * deviation is √(mean over all bars of min(0, r − rf)²) with rf = `riskFreeRate / barsPerYear`, so only returns
 * below the risk-free rate count as risk; `moments` must have been taken against that rf. `null` with fewer than two
 * returns or no downside.
 * @example
 * sortinoRatio(returnMoments(Float64Array.of(100, 102, 100.98), 0), 0, 252); // ≈ 11.22
 */
export function sortinoRatio(moments: ReturnMoments, riskFreeRate: number, barsPerYear: number): number | null {
  if (moments.count < 2) return null;
  const threshold = riskFreeRate / barsPerYear;
  const { downside } = moments;
  if (!(downside > 0)) return null;
  return ((moments.mean - threshold) / downside) * Math.sqrt(barsPerYear);
}
