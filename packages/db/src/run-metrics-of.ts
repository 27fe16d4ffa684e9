import type { RunMetrics } from '@fleet/contracts';
import type { RunsTable } from './schema.js';

/** The `runs` columns that hold a run's metrics, in the order exports list them. */
export const RUN_METRIC_COLUMNS = [
  'total_return',
  'cagr',
  'volatility',
  'sharpe',
  'sortino',
  'max_drawdown',
  'max_drawdown_duration',
  'calmar',
  'win_rate',
  'profit_factor',
  'average_trade',
  'exposure',
] as const satisfies readonly (keyof RunsTable)[];

type MetricColumns = Pick<RunsTable, (typeof RUN_METRIC_COLUMNS)[number]>;

/** The metrics of a stored run in the wire format's names: the one mapping from `runs` columns to {@link RunMetrics}. */
export function runMetricsOf(row: MetricColumns): RunMetrics {
  return {
    totalReturn: row.total_return,
    cagr: row.cagr,
    volatility: row.volatility,
    sharpe: row.sharpe,
    sortino: row.sortino,
    maxDrawdown: row.max_drawdown,
    maxDrawdownDuration: row.max_drawdown_duration,
    calmar: row.calmar,
    winRate: row.win_rate,
    profitFactor: row.profit_factor,
    averageTrade: row.average_trade,
    exposure: row.exposure,
  };
}
