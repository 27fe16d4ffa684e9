import type { RunMetrics } from '@fleet/contracts';
import { type BacktestConfig, type BarSeries, runSweep } from '@fleet/engine';
import { returnStatisticsOfRun } from './return-statistics-of-run.js';

/**
 * The metrics a worker stores beside the engine's report, from the run's per-bar equity: its per-bar Sharpe and its
 * return in excess of buy-and-hold. `fleet backtest` prints them too, so a local run reads exactly like a stored one.
 *
 * @example
 * const metrics = { ...runBacktest(series, config).metrics, ...returnMetricsOf(series, config) };
 */
export function returnMetricsOf(
  series: BarSeries,
  config: BacktestConfig,
): Pick<RunMetrics, 'barSharpe' | 'excessReturn'> {
  const { params, ...base } = config;
  const [outcome] = runSweep(series, base, [params ?? {}]);
  if (!outcome?.ok) return { barSharpe: null, excessReturn: null };
  return returnStatisticsOfRun(series, outcome.equity, outcome.result.metrics.totalReturn).metrics;
}
