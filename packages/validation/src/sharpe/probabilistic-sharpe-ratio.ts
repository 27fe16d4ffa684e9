import { normalCdf } from '../normal/normal-cdf.js';
import { ValidationInputError } from '../validation-input-error.js';
import type { SharpeEstimate } from './sharpe-estimate.js';

/**
 * The probabilistic Sharpe ratio (Bailey and López de Prado, 2012 and 2014): the probability that the true per-bar
 * Sharpe exceeds `benchmark`, given the estimate's sample length and the skewness and kurtosis of its returns,
 *
 *   PSR(SR*) = Φ((SR̂ − SR*)·√(T − 1) / √(1 − γ3·SR̂ + (γ4 − 1)/4·SR̂²)).
 *
 * Why: a Sharpe of 2 over three months of fat-tailed returns is far weaker evidence than over ten years of normal
 * ones, and PSR says how much weaker as a probability.
 *
 * @param benchmark SR*, a per-bar Sharpe (divide an annualized one by √(bars per year)).
 * @defaultValue benchmark `0`
 * @throws {@link ValidationInputError} for fewer than 2 observations.
 * @example
 * probabilisticSharpeRatio({ sharpe: 0.1, observations: 250, skewness: 0, kurtosis: 3 }); // 0.9422...
 */
export function probabilisticSharpeRatio(estimate: SharpeEstimate, benchmark = 0): number {
  const { sharpe, observations, skewness, kurtosis } = estimate;
  if (!(observations >= 2)) {
    throw new ValidationInputError(`probabilisticSharpeRatio: needs at least 2 observations, got ${observations}`);
  }
  const excess = sharpe - benchmark;
  if (excess === 0) return 0.5;
  // Non-negative for any sample (Pearson's inequality γ4 ≥ γ3² + 1); zero only for a two-point distribution.
  const spread = 1 - skewness * sharpe + ((kurtosis - 1) / 4) * sharpe * sharpe;
  if (!(spread > 0)) return excess > 0 ? 1 : 0;
  return normalCdf((excess * Math.sqrt(observations - 1)) / Math.sqrt(spread));
}
