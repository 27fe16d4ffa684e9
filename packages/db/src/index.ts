export type { Kysely, Transaction } from 'kysely';
export { type BarColumns, type BarInput, loadBars, type UpsertBarsResult } from './bars.js';
export { type CachedResult, findCachedResults } from './cached-results.js';
export { createDatabase, type DatabaseOptions } from './create-database.js';
export { type DeletedSeries, deleteBarSeries } from './delete-bar-series.js';
export { findDataVersion } from './find-data-version.js';
export { findSweepsByIdPrefix } from './find-sweeps-by-id-prefix.js';
export {
  type BarSeriesKey,
  type ImportBarsOptions,
  type ImportBarsProgress,
  type ImportBarsResult,
  importBars,
} from './import-bars.js';
export { listBarSeries } from './list-bar-series.js';
export { METRIC_COLUMNS, type RunResult, runMetricsOf, runResultOf } from './metric-columns.js';
export { MigrationError, migrateToLatest } from './migrate-to-latest.js';
export { pingDatabase } from './ping-database.js';
export { poolUsage } from './pool-usage.js';
export { createDatabaseIfMissing, dropDatabase } from './provision-database.js';
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
  type RunRange,
  type RunSelection,
  recentRunCount,
} from './run-analytics.js';
export { RunFields } from './run-fields.js';
export { countRuns, type RunRow, streamRuns, topRuns } from './run-queries.js';
export { RunQueryError } from './run-query-error.js';
export type { Database } from './schema.js';
export { SeriesInUseError } from './series-in-use-error.js';
export { SeriesNotFoundError } from './series-not-found-error.js';
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
  resumeSweep,
  type SweepRow,
  storedRunBitmap,
  toSweepProgress,
} from './sweeps.js';
export { waitForDatabase } from './wait-for-database.js';
