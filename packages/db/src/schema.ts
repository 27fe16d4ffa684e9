import type { MetricName, MetricTable, SymbolSummary } from '@fleet/contracts';
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Postgres `bigint` read back as a JS number (the pool parses int8; counts stay far below 2^53). */
type BigintColumn = ColumnType<number, number | bigint, number | bigint>;
/** Postgres `numeric` read back as its exact decimal string. */
type NumericColumn = ColumnType<string, string, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface SweepsTable {
  id: string;
  idempotency_key: string | null;
  name: string;
  spec: JSONColumnType<Record<string, unknown>>;
  status: Generated<'queued' | 'running' | 'completed' | 'completed_with_failures' | 'cancelled'>;
  total: BigintColumn;
  jobs: BigintColumn;
  runs_per_job: number;
  enqueued_jobs: Generated<number>;
  succeeded: Generated<number>;
  failed: Generated<number>;
  /** Stored runs that reused an identical earlier run's result instead of computing it. */
  cached: Generated<number>;
  created_at: Generated<Date>;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  requeue_generation: Generated<number>;
  last_progress_at: Generated<Date>;
}

/** One nullable column per {@link MetricTable} entry (null on failed runs, and where a statistic is undefined). */
export type MetricColumns = {
  [N in MetricName as (typeof MetricTable)[N]['column']]:
    | ((typeof MetricTable)[N]['type'] extends 'decimal' ? NumericColumn : number)
    | null;
};

export interface RunsTable extends MetricColumns {
  sweep_id: string;
  run_index: BigintColumn;
  strategy: string;
  symbol: string;
  params: JSONColumnType<Record<string, number>>;
  /** The run's value of each swept setting (`{}` when its sweep sweeps none), addressed like a parameter. */
  settings: ColumnType<Record<string, number>, string | undefined, string>;
  status: 'succeeded' | 'failed';
  error_name: string | null;
  error_code: string | null;
  error_message: string | null;
  /** Content hash of the bars the run saw ({@link BarSeriesTable.version}); null for runs that never loaded bars. */
  data_version: string | null;
  engine_version: string | null;
  code_version: string | null;
  duration_ms: number;
  cache_key: string | null;
  cached: Generated<boolean>;
  /** The strategy file's bundle (`strategy_bundles.hash`), null for built-in and plugin strategies. */
  strategy_bundle: ColumnType<string | null, string | null | undefined, string | null>;
  /** The universe a portfolio strategy's run traded; null for a single-symbol run. */
  universe: string | null;
  /** A portfolio run's per-symbol contribution; null for a single-symbol run and a failure. */
  symbol_summary: ColumnType<SymbolSummary[] | null, string | null | undefined, string | null>;
  /** `[T, mean, std, skewness, kurtosis]` of the run's per-bar returns; null on failed runs and older rows. */
  return_moments: number[] | null;
  /** The run's 48 CSCV block statistics (`@fleet/validation`'s `blockStats`); null below 16 returns. */
  block_stats: number[] | null;
  created_at: Generated<Date>;
  /** The fold a validated sweep's run traded in, and which of its windows; null without validation. */
  fold: number | null;
  window: 'in_sample' | 'out_of_sample' | null;
}

/**
 * The out-of-sample run of one (fold, strategy, symbol) group of a validated sweep: planned at submit with its
 * group's in-sample run range, chosen once they have all landed, then enqueued.
 */
export interface FoldSelectionsTable {
  sweep_id: string;
  /** The out-of-sample run's index in the sweep. */
  run_index: BigintColumn;
  fold: number;
  strategy: string;
  symbol: string;
  first_run: BigintColumn;
  runs: BigintColumn;
  /** In-sample runs of the group stored so far. */
  landed: Generated<number>;
  select_metric: string;
  min_trades: number;
  /** The chosen in-sample run; null until chosen, and when no run was eligible. */
  chosen_run: BigintColumn | null;
  params: JSONColumnType<Record<string, number>> | null;
  settings: JSONColumnType<Record<string, number>> | null;
  in_sample_value: number | null;
  selected_at: Timestamp | null;
  enqueued_at: Timestamp | null;
}

interface BarsTable {
  symbol: string;
  interval: string;
  ts: Timestamp;
  open: NumericColumn;
  high: NumericColumn;
  low: NumericColumn;
  close: NumericColumn;
  volume: NumericColumn;
}

/** One row per symbol and interval, kept in step with its bars by every import. */
interface BarSeriesTable {
  symbol: string;
  interval: string;
  /** Content hash of the series' bars: the data version that cache keys and runs refer to. */
  version: string;
  bars: BigintColumn;
  first_ts: Timestamp;
  last_ts: Timestamp;
  updated_at: Generated<Date>;
}

/** A strategy file shipped with a sweep, named by the sha256 of its bundle; rows are never updated. */
interface StrategyBundlesTable {
  hash: string;
  file_name: string;
  source: string;
  bundle: string;
  created_at: Generated<Date>;
}

/** The typed schema, mirroring `migrations/versions`. */
export interface Database {
  sweeps: SweepsTable;
  runs: RunsTable;
  bars: BarsTable;
  bar_series: BarSeriesTable;
  strategy_bundles: StrategyBundlesTable;
  fold_selections: FoldSelectionsTable;
}
