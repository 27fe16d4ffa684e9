import { inverseNormalCdf } from '../normal/inverse-normal-cdf.js';
import { ValidationInputError } from '../validation-input-error.js';

/** The Euler–Mascheroni constant γ. */
const EULER_MASCHERONI = 0.5772156649015329;

/**
 * SR0, the per-bar Sharpe the best of `trials` skill-less trials is expected to reach by luck alone (Bailey and López
 * de Prado 2014, from extreme value theory):
 *
 *   SR0 = √V·((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))),
 *
 * with N the number of trials, V the sample variance of their per-bar Sharpes ({@link sampleVariance}) and γ the
 * Euler–Mascheroni constant. It is the benchmark the {@link deflatedSharpeRatio} tests the selected run against.
 *
 * A single trial involves no selection, so its benchmark is 0.
 *
 * @throws {@link ValidationInputError} unless `trials` is a positive integer and `sharpeVariance` is finite and ≥ 0.
 * @example
 * expectedMaximumSharpe(100, 0.5 / 250); // 0.1132... (the paper's example, V annualized 1/2, 250 bars a year)
 */
export function expectedMaximumSharpe(trials: number, sharpeVariance: number): number {
  if (!(Number.isInteger(trials) && trials >= 1)) {
    throw new ValidationInputError(`expectedMaximumSharpe: trials must be a positive integer, got ${trials}`);
  }
  if (!(Number.isFinite(sharpeVariance) && sharpeVariance >= 0)) {
    throw new ValidationInputError(
      `expectedMaximumSharpe: sharpeVariance must be finite and >= 0, got ${sharpeVariance}`,
    );
  }
  if (trials === 1) return 0;
  const maxZ =
    (1 - EULER_MASCHERONI) * inverseNormalCdf(1 - 1 / trials) +
    EULER_MASCHERONI * inverseNormalCdf(1 - 1 / (trials * Math.E));
  return Math.sqrt(sharpeVariance) * maxZ;
}
