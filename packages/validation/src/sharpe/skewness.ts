import { centralMoments } from './central-moments.js';
import { isZeroVariance } from './zero-variance.js';

/**
 * Skewness γ3 = m3 / m2^(3/2) from population moments (no small-sample correction), as the probabilistic Sharpe
 * ratio's standard error uses it: negative skew (rare large losses) widens the error and lowers PSR and DSR.
 *
 * It is 0, the normal value, for fewer than 2 values or a zero spread (see {@link perBarSharpe} for what counts as
 * zero), so that a run without evidence of asymmetry is not penalised for it.
 *
 * @example
 * skewness([1, 2, 3, 10]); // 1.0182...
 */
export function skewness(values: ArrayLike<number>): number {
  if (values.length < 2) return 0;
  const { m2, m3, meanSquare } = centralMoments(values);
  if (isZeroVariance(m2, meanSquare)) return 0;
  return m3 / m2 ** 1.5;
}
