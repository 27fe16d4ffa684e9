import { centralMoments } from './central-moments.js';
import { isZeroVariance } from './zero-variance.js';

/**
 * Kurtosis γ4 = m4 / m2² from population moments, not excess (a normal distribution has 3), as the probabilistic
 * Sharpe ratio's standard error uses it: fat tails widen the error and lower PSR and DSR.
 *
 * It is 3, the normal value, for fewer than 2 values or a zero spread (see {@link perBarSharpe} for what counts as
 * zero).
 *
 * @example
 * kurtosis([1, 2, 3, 10]); // 2.2304
 */
export function kurtosis(values: ArrayLike<number>): number {
  if (values.length < 2) return 3;
  const { m2, m4, meanSquare } = centralMoments(values);
  if (isZeroVariance(m2, meanSquare)) return 3;
  return m4 / (m2 * m2);
}
