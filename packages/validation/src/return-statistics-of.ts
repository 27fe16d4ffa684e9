import { blockStats, CSCV_BLOCKS } from './cscv/block-stats.js';
import { type SharpeEstimate, sharpeEstimate } from './sharpe/sharpe-estimate.js';

/**
 * Everything a stored run keeps of its per-bar returns for PSR, DSR and PBO: its {@link SharpeEstimate}, the mean and
 * sample std (ddof 1) the Sharpe is the ratio of, and its {@link blockStats}, `null` below 16 returns.
 *
 * @example
 * const { sharpe, blocks } = returnStatisticsOf(simpleReturns(equity));
 */
export interface RunReturnStatistics extends SharpeEstimate {
  readonly mean: number;
  readonly std: number;
  readonly blocks: Float64Array | null;
}

/**
 * The {@link RunReturnStatistics} of one run's per-bar returns: what a worker computes per run, on its engine
 * thread, so that a group's DSR and PBO later need only stored numbers. The same functions as the direct
 * computations ({@link sharpeEstimate}, {@link blockStats}), so stored and recomputed figures agree.
 *
 * @example
 * returnStatisticsOf(simpleReturns([100, 101, 100.5, 102])).observations; // 3, and blocks null (fewer than 16)
 */
export function returnStatisticsOf(returns: ArrayLike<number>): RunReturnStatistics {
  const n = returns.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += returns[i] as number;
  const mean = n > 0 ? sum / n : 0;
  let deviations = 0;
  for (let i = 0; i < n; i++) {
    const d = (returns[i] as number) - mean;
    deviations += d * d;
  }
  return {
    ...sharpeEstimate(returns),
    mean,
    std: n > 1 ? Math.sqrt(deviations / (n - 1)) : 0,
    blocks: n >= CSCV_BLOCKS ? blockStats(returns) : null,
  };
}
