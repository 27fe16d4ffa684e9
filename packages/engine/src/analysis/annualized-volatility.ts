import { sampleStandardDeviation } from './sample-standard-deviation.js';

/**
 * Standard deviation of bar returns scaled to a year by √barsPerYear; `null` with fewer than two returns.
 * @example
 * annualizedVolatility(Float64Array.of(0.01, -0.01), 252); // ≈ 0.2245
 */
export function annualizedVolatility(returns: Float64Array, barsPerYear: number): number | null {
  const deviation = sampleStandardDeviation(returns);
  return Number.isNaN(deviation) ? null : deviation * Math.sqrt(barsPerYear);
}
