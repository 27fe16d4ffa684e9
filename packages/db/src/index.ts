export type { Kysely, Transaction } from 'kysely';
export { type BarColumns, loadBars, type UpsertBarsResult } from './bars.js';
export { type CachedResult, findCachedResults } from './cached-results.js';
export { createDatabase, type DatabaseOptions } from './create-database.js';
export { expressionToSql, FilterError } from './expression-to-sql.js';
export { findDataVersion } from './find-data-version.js';
export {
  type BarSeriesKey,
  type ImportBarsOptions,
  type ImportBarsProgress,
  type ImportBarsResult,
  importBars,
} from './import-bars.js';
export { listBarSeries } from './list-bar-series.js';
export { MigrationError, migrateToLatest } from './migrate-to-latest.js';
export { pingDatabase } from './ping-database.js';
export { poolUsage } from './pool-usage.js';
export { createDatabaseIfMissing, dropDatabase } from './provision-database.js';
export { type RankableMetric, RankableMetrics } from './rankable-metrics.js';
export {
  type FailureReason,
  failureSummary,
  findRun,
  type HeatmapAggregate,
  HeatmapAggregates,
  type HeatmapCell,
  type HeatmapQuery,
  heatmap,
  type LeaderboardQuery,
  leaderboard,
  type RunField,
  RunFields,
  RunQueryError,
  type RunRange,
  type RunSelection,
  recentRunCount,
} from './run-analytics.js';
export { RUN_METRIC_COLUMNS, runMetricsOf } from './run-metrics-of.js';
export { countRuns, type RunRow, streamRuns, topRuns } from './run-queries.js';
export type { Database } from './schema.js';
export { type StoreRunOutcomesResult, storeRunOutcomes } from './store-run-outcomes.js';
export { sweepCompleteness } from './sweep-completeness.js';
export {
  cancelSweep,
  createSweep,
  deleteFailedRuns,
  findQuietSweeps,
  findSweep,
  listSweeps,
  type NewSweep,
  nextRequeueGeneration,
  recordEnqueuedJobs,
  type SweepRow,
  storedRunBitmap,
  toSweepProgress,
} from './sweeps.js';
