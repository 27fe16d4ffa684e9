import { mean } from './mean.js';

/**
 * Sample standard deviation (divides by n − 1, the usual estimator for return volatility); `NaN` below two values.
 * Pass `average` when the mean of `values` is already known.
 * @defaultValue average = mean(values)
 * @example
 * sampleStandardDeviation(Float64Array.of(1, 3)); // √2
 */
export function sampleStandardDeviation(values: Float64Array, average = mean(values)): number {
  const n = values.length;
  if (n < 2) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] as number) - average;
    sum += d * d;
  }
  return Math.sqrt(sum / (n - 1));
}
