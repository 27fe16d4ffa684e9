import { mean } from './mean.js';
import { sampleStandardDeviation } from './sample-standard-deviation.js';

/** The mean and sample deviation of a run's bar returns, which volatility, Sharpe and Sortino all start from. */
export interface ReturnMoments {
  readonly count: number;
  /** `NaN` for no returns. */
  readonly mean: number;
  /** Sample standard deviation; `NaN` below two returns. */
  readonly deviation: number;
}

/**
 * Computes {@link ReturnMoments} once per run, so the statistics built on them do not each rescan the returns.
 * @example
 * returnMoments(Float64Array.of(0.02, 0)); // { count: 2, mean: 0.01, deviation: 0.0141… }
 */
export function returnMoments(returns: Float64Array): ReturnMoments {
  const average = mean(returns);
  return { count: returns.length, mean: average, deviation: sampleStandardDeviation(returns, average) };
}
