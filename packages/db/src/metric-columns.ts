import {
  type LedgerName,
  LedgerNames,
  type MetricColumn,
  MetricNames,
  MetricTable,
  type RunMetrics,
  type RunOutcome,
  StatisticNames,
} from '@fleet/contracts';
import type { Insertable, Selectable } from 'kysely';
import type { MetricColumns } from './schema.js';

/** The `runs` columns of every metric, in {@link MetricTable} order (the order exports list them). */
export const METRIC_COLUMNS = MetricNames.map((n) => MetricTable[n].column) as MetricColumn[];

/** A stored run's metrics as read back. */
type StoredMetrics = Selectable<MetricColumns>;

/** A stored run's metrics in the wire format's names: its ledger totals beside its {@link RunMetrics}. */
export type RunResult = { [N in LedgerName]: StoredMetrics[(typeof MetricTable)[N]['column']] } & {
  metrics: RunMetrics;
};

/** The metric columns of a succeeded outcome's row: the one mapping from the wire format's names to `runs` columns. */
export function metricColumnsOf(outcome: Extract<RunOutcome, { status: 'succeeded' }>): Insertable<MetricColumns> {
  const row: Record<string, unknown> = {};
  for (const n of LedgerNames) row[MetricTable[n].column] = outcome[n];
  for (const n of StatisticNames) row[MetricTable[n].column] = outcome.metrics[n];
  return row as Insertable<MetricColumns>;
}

/** The statistics of a stored run in the wire format's names: the one mapping from `runs` columns to {@link RunMetrics}. */
export function runMetricsOf(row: StoredMetrics): RunMetrics {
  const metrics: Record<string, unknown> = {};
  for (const n of StatisticNames) metrics[n] = row[MetricTable[n].column];
  return metrics as RunMetrics;
}

/** Every metric of a stored run in the wire format's names and shape (ledger totals first, then `metrics`). */
export function runResultOf(row: StoredMetrics): RunResult {
  const result: Record<string, unknown> = {};
  for (const n of LedgerNames) result[n] = row[MetricTable[n].column];
  result.metrics = runMetricsOf(row);
  return result as RunResult;
}
