import { expectedMaximumSharpe } from './expected-maximum-sharpe.js';
import { probabilisticSharpeRatio } from './probabilistic-sharpe-ratio.js';
import type { SharpeEstimate } from './sharpe-estimate.js';

/**
 * The trials a selected run was the best of: how many, and how dispersed their per-bar Sharpes were; the two facts
 * about the search that deflation needs.
 *
 * @example
 * const sharpes = [0.02, 0.05, -0.01, 0.04];
 * const trials: TrialSharpes = { trials: sharpes.length, sharpeVariance: sampleVariance(sharpes) };
 */
export interface TrialSharpes {
  /** N, every trial of the group (the runs of one strategy on one symbol or universe in one window). */
  readonly trials: number;
  /** V, the sample variance (ddof 1) of the trials' per-bar Sharpes; see {@link sampleVariance}. */
  readonly sharpeVariance: number;
}

/**
 * The deflated Sharpe ratio (Bailey and López de Prado, 2014): the probability that the selected run's true Sharpe
 * is positive once the selection among N trials is accounted for, DSR = PSR(SR0) with SR0 from
 * {@link expectedMaximumSharpe}.
 *
 * Why: a sweep always has a best row, and on noise the best of 2,000 looks as good as a real edge; DSR asks whether
 * the best beat what luck alone would have produced with that many tries.
 *
 * @example
 * // The paper's example: annualized SR 2.5 over 5 years of daily bars, 100 trials, V = 1/2 annualized.
 * deflatedSharpeRatio(
 *   { sharpe: 2.5 / Math.sqrt(250), observations: 1250, skewness: -3, kurtosis: 10 },
 *   { trials: 100, sharpeVariance: 0.5 / 250 },
 * ); // 0.9004...
 */
export function deflatedSharpeRatio(estimate: SharpeEstimate, trials: TrialSharpes): number {
  return probabilisticSharpeRatio(estimate, expectedMaximumSharpe(trials.trials, trials.sharpeVariance));
}
