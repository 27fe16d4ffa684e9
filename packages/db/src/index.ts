export type { Kysely, Transaction } from 'kysely';
export { type BarColumns, type BarInput, loadBars, type UpsertBarsResult } from './bars.js';
export { createDatabase, type DatabaseOptions } from './create-database.js';
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
export { createDatabaseIfMissing, dropDatabase } from './provision-database.js';
export { countRuns, failedRuns, type RankableMetric, RankableMetrics, type RunRow, topRuns } from './run-queries.js';
export type { Database } from './schema.js';
export { type StoreRunOutcomesResult, storeRunOutcomes } from './store-run-outcomes.js';
export {
  createSweep,
  findSweep,
  listSweeps,
  type NewSweep,
  recordEnqueuedJobs,
  type SweepRow,
  toSweepProgress,
} from './sweeps.js';
