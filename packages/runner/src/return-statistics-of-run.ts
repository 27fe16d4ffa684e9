import type { ReturnStatistics, RunMetrics } from '@fleet/contracts';
import type { BarSeries } from '@fleet/engine';
import { returnStatisticsOf, simpleReturns } from '@fleet/validation';

/** The metrics a run's per-bar equity gives beside the engine's statistics. */
type ReturnMetrics = Pick<RunMetrics, 'barSharpe' | 'excessReturn'>;

/**
 * What a run's per-bar equity adds to its stored result: its per-bar Sharpe and its return in excess of buy-and-hold
 * (metrics), and the {@link ReturnStatistics} that PSR, DSR and PBO of its group are computed from. Runs on the
 * engine thread, beside the run that produced the equity, since the equity never leaves it.
 *
 * Buy-and-hold is the symbol's close-to-close return over the run's bars, without costs: the run's equity starts
 * flat at the first bar's close, so both measure the same span.
 */
export function returnStatisticsOfRun(
  series: BarSeries,
  equity: Float64Array,
  totalReturn: number | null,
): { metrics: ReturnMetrics; returnStatistics?: ReturnStatistics } {
  const first = series.close[0] as number;
  const last = series.close[series.length - 1] as number;
  const excess = totalReturn === null ? null : totalReturn - (last / first - 1);
  const excessReturn = excess !== null && Number.isFinite(excess) ? excess : null;
  let returns: Float64Array;
  try {
    returns = simpleReturns(equity);
  } catch (error) {
    // Equity at or below zero has no simple return after it: the run is stored, without per-bar statistics.
    if ((error as Error).name === 'ValidationInputError') return { metrics: { barSharpe: null, excessReturn } };
    throw error;
  }
  const stats = returnStatisticsOf(returns);
  return {
    metrics: { barSharpe: stats.sharpe, excessReturn },
    returnStatistics: {
      observations: stats.observations,
      mean: stats.mean,
      std: stats.std,
      skewness: stats.skewness,
      kurtosis: stats.kurtosis,
      blocks: stats.blocks === null ? null : Array.from(stats.blocks),
    },
  };
}
