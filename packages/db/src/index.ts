export type { Kysely } from 'kysely';
export { type BarColumns, loadBars } from './bars.js';
export { type CachedResult, findCachedResults } from './cached-results.js';
export { createDatabase } from './create-database.js';
export { findDataVersion } from './find-data-version.js';
export { type ImportBarsResult, importBars } from './import-bars.js';
export { listBarSeries } from './list-bar-series.js';
export { migrateToLatest } from './migrate-to-latest.js';
export { pingDatabase } from './ping-database.js';
export { poolUsage } from './pool-usage.js';
export { createDatabaseIfMissing, dropDatabase } from './provision-database.js';
export { type RankableMetric, RankableMetrics } from './rankable-metrics.js';
export {
  failureSummary,
  findRun,
  HeatmapAggregates,
  heatmap,
  leaderboard,
  RunFields,
  type RunRange,
  recentRunCount,
} from './run-analytics.js';
export { RUN_METRIC_COLUMNS, runMetricsOf } from './run-metrics-of.js';
export { countRuns, type RunRow, streamRuns, topRuns } from './run-queries.js';
export type { Database } from './schema.js';
export { storeRunOutcomes } from './store-run-outcomes.js';
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
  type SweepRow,
  storedRunBitmap,
  toSweepProgress,
} from './sweeps.js';
