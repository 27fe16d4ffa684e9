import type { RunOutcome } from '@fleet/contracts';
import type { Insertable, Selectable } from 'kysely';
import { METRIC_COLUMNS, metricColumnsOf, type RunResult, runResultOf } from './metric-columns.js';
import { RETURN_STATISTICS_COLUMNS, returnStatisticsColumnsOf } from './return-statistics-columns.js';
import type { RunsTable } from './schema.js';

/** The columns of a failed outcome's `error`. */
const ERROR_COLUMNS = { name: 'error_name', code: 'error_code', message: 'error_message' } as const;
const ERROR_KEYS = Object.keys(ERROR_COLUMNS) as (keyof typeof ERROR_COLUMNS)[];

/** The columns of a run's `runs` row that no outcome field names: its metrics, its error and its insert time. */
type UnnamedColumn =
  | (typeof METRIC_COLUMNS)[number]
  | (typeof ERROR_COLUMNS)[keyof typeof ERROR_COLUMNS]
  | typeof SUMMARY_COLUMN
  | (typeof RETURN_STATISTICS_COLUMNS)[number]
  | 'created_at';

/** The column of a succeeded portfolio run's `symbolSummary` (a result field, like the metrics). */
const SUMMARY_COLUMN = 'symbol_summary';

/**
 * The `runs` column of every field a run outcome has whatever its status: the one pairing of a run's wire-format
 * (camelCase) names with its snake_case columns besides the metrics, which pair through the `MetricTable`. Rows are
 * written ({@link runRowOf}), read ({@link storedRunOf}) and addressed by field (`RunFields`) through it, so a field
 * is named once; one the outcome gains without a column here fails to compile.
 */
export const RunColumns = {
  sweepId: 'sweep_id',
  runIndex: 'run_index',
  strategy: 'strategy',
  symbol: 'symbol',
  universe: 'universe',
  params: 'params',
  settings: 'settings',
  status: 'status',
  durationMs: 'duration_ms',
  dataVersion: 'data_version',
  cacheKey: 'cache_key',
  cached: 'cached',
  strategyBundle: 'strategy_bundle',
  engineVersion: 'engine_version',
  codeVersion: 'code_version',
  fold: 'fold',
  window: 'window',
} as const satisfies { readonly [N in keyof RunOutcome]-?: Exclude<keyof RunsTable, UnnamedColumn> };

type RunField = keyof typeof RunColumns;
const RUN_FIELDS = Object.keys(RunColumns) as RunField[];

/** How a field is written where its column differs from its wire value; any other absent field is written as null. */
const written: { readonly [N in RunField]?: (value: RunOutcome[N]) => unknown } = {
  params: (params) => JSON.stringify(params),
  // A sweep that sweeps no setting stores `{}`, so its runs read like every other.
  settings: (settings) => JSON.stringify(settings ?? {}),
  cached: (cached) => cached ?? false,
};

/** Every column an outcome sets besides the run key, so a result replacing a failure overwrites all of it. */
export const OUTCOME_COLUMNS = [
  ...RUN_FIELDS.filter((n) => n !== 'sweepId' && n !== 'runIndex').map((n) => RunColumns[n]),
  ...ERROR_KEYS.map((k) => ERROR_COLUMNS[k]),
  ...METRIC_COLUMNS,
  SUMMARY_COLUMN,
  ...RETURN_STATISTICS_COLUMNS,
] satisfies (keyof RunsTable)[];

/** The `runs` row of an outcome: its fields, then its error's columns or its metrics' columns. */
export function runRowOf(outcome: RunOutcome): Insertable<RunsTable> {
  const row: Record<string, unknown> = {};
  for (const n of RUN_FIELDS) {
    const write = written[n] as ((value: unknown) => unknown) | undefined;
    row[RunColumns[n]] = write ? write(outcome[n]) : (outcome[n] ?? null);
  }
  if (outcome.status === 'failed') for (const k of ERROR_KEYS) row[ERROR_COLUMNS[k]] = outcome.error[k];
  else Object.assign(row, metricColumnsOf(outcome), returnStatisticsColumnsOf(outcome.returnStatistics));
  row[SUMMARY_COLUMN] =
    outcome.status === 'succeeded' && outcome.symbolSummary ? JSON.stringify(outcome.symbolSummary) : null;
  return row as unknown as Insertable<RunsTable>;
}

/** A stored run in the wire format's names: its fields, its error (null on a result) and its metrics (null on a failure). */
export type StoredRun = { -readonly [N in RunField]: Selectable<RunsTable>[(typeof RunColumns)[N]] } & {
  error: { [K in keyof typeof ERROR_COLUMNS]: string | null } | null;
  result: RunResult;
  /** A portfolio run's per-symbol contribution; null otherwise. */
  symbolSummary: Selectable<RunsTable>[typeof SUMMARY_COLUMN];
};

/** The wire-format view of a stored `runs` row, so callers outside `db` never name a column. */
export function storedRunOf(row: Selectable<RunsTable>): StoredRun {
  const run: Record<string, unknown> = {};
  for (const n of RUN_FIELDS) run[n] = row[RunColumns[n]];
  run.error = row.status === 'failed' ? Object.fromEntries(ERROR_KEYS.map((k) => [k, row[ERROR_COLUMNS[k]]])) : null;
  run.result = runResultOf(row);
  run.symbolSummary = row[SUMMARY_COLUMN] ?? null;
  return run as StoredRun;
}
