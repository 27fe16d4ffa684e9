export type { Kysely } from 'kysely';
export { type BarColumns, loadBars } from './bars.js';
export { type CachedResult, findCachedResults } from './cached-results.js';
export { createDatabase } from './create-database.js';
export { deleteBarSeries } from './delete-bar-series.js';
export { findDataVersion } from './find-data-version.js';
export { findSweepsByIdPrefix } from './find-sweeps-by-id-prefix.js';
export {
  type FoldSelectionRow,
  listFoldSelections,
  markFoldSelectionsEnqueued,
  pendingFoldSelections,
} from './fold-selections.js';
export { type ImportBarsResult, importBars } from './import-bars.js';
export { listBarSeries } from './list-bar-series.js';
export { METRIC_COLUMNS, type RunResult, runMetricsOf, runResultOf } from './metric-columns.js';
export { migrateToLatest } from './migrate-to-latest.js';
export { pingDatabase } from './ping-database.js';
export { poolUsage } from './pool-usage.js';
export { createDatabaseIfMissing, dropDatabase } from './provision-database.js';
export { storedReturnStatistics } from './return-statistics-columns.js';
export {
  type FailureReason,
  failureSummary,
  findRun,
  HeatmapAggregates,
  heatmap,
  leaderboard,
  type RunRange,
  recentRunCount,
} from './run-analytics.js';
export { runRowOf, storedRunOf } from './run-columns.js';
export { RunFields } from './run-fields.js';
export { countRuns, type RunRow, streamRuns, topRuns } from './run-queries.js';
export type { Database } from './schema.js';
export { storeRunOutcomes } from './store-run-outcomes.js';
export {
  findStrategyBundle,
  listStrategyBundles,
  type StrategyBundleRow,
} from './strategy-bundles.js';
export { sweepCompleteness } from './sweep-completeness.js';
export {
  cancelSweep,
  createSweep,
  deleteFailedRuns,
  findQuietSweeps,
  findSweep,
  listSweeps,
  nextRequeueGeneration,
  recordEnqueuedJobs,
  resumeSweep,
  type SweepRow,
  storedRunBitmap,
  toSweepProgress,
} from './sweeps.js';
export { findValidationTrials, type ValidationTrial } from './validation-trials.js';
export { waitForDatabase } from './wait-for-database.js';
export { withCopyConnection } from './with-copy-connection.js';
