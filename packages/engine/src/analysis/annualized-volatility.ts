import type { ReturnMoments } from './return-moments.js';

/**
 * Standard deviation of bar returns scaled to a year by √barsPerYear; `null` with fewer than two returns.
 * @example
 * annualizedVolatility(returnMoments(Float64Array.of(100, 101, 99.99), 0), 252); // ≈ 0.2245
 */
export function annualizedVolatility(moments: ReturnMoments, barsPerYear: number): number | null {
  return Number.isNaN(moments.deviation) ? null : moments.deviation * Math.sqrt(barsPerYear);
}
