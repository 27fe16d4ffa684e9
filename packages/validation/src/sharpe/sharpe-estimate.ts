import { kurtosis } from './kurtosis.js';
import { perBarSharpe } from './per-bar-sharpe.js';
import { skewness } from './skewness.js';

/**
 * What the probabilistic and deflated Sharpe ratios need to know about one run's per-bar returns: its
 * {@link perBarSharpe} SR̂, the number of returns T, and their {@link skewness} γ3 and (non-excess)
 * {@link kurtosis} γ4. Kept as plain numbers so a stored run can provide it without its returns.
 *
 * @example
 * const estimate: SharpeEstimate = { sharpe: 0.08, observations: 1250, skewness: -0.4, kurtosis: 5.2 };
 */
export interface SharpeEstimate {
  readonly sharpe: number;
  readonly observations: number;
  readonly skewness: number;
  readonly kurtosis: number;
}

/**
 * The {@link SharpeEstimate} of a run's per-bar returns.
 *
 * @example
 * const estimate = sharpeEstimate(simpleReturns([100, 101, 100.5, 102, 101.8, 103]));
 * probabilisticSharpeRatio(estimate); // P(true per-bar SR > 0)
 */
export function sharpeEstimate(returns: ArrayLike<number>): SharpeEstimate {
  return {
    sharpe: perBarSharpe(returns),
    observations: returns.length,
    skewness: skewness(returns),
    kurtosis: kurtosis(returns),
  };
}
