export type { Kysely, Transaction } from 'kysely';
export { type BarColumns, type BarInput, listBarSymbols, loadBars, type UpsertBarsResult, upsertBars } from './bars.js';
export { createDatabase, type DatabaseOptions } from './create-database.js';
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
  type RunField,
  RunFields,
  RunQueryError,
  type RunRange,
  type RunSelection,
  recentRunCount,
} from './run-analytics.js';
export { countRuns, failedRuns, type RankableMetric, RankableMetrics, type RunRow, topRuns } from './run-queries.js';
export type { Database } from './schema.js';
export { type StoreRunOutcomesResult, storeRunOutcomes } from './store-run-outcomes.js';
export { sweepCompleteness } from './sweep-completeness.js';
export {
  createSweep,
  findSweep,
  listSweeps,
  type NewSweep,
  recordEnqueuedJobs,
  type SweepRow,
  toSweepProgress,
} from './sweeps.js';
