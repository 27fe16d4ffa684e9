export { BarCache, type BarCacheStats } from './bar-cache.js';
export {
  type CalibrationLoader,
  calibrateSweep,
  runsPerJobFor,
  type SweepCalibration,
  TARGET_JOB_MS,
} from './calibrate-sweep.js';
export { isServiceUnavailable } from './classify-error.js';
export { createSeriesLoader } from './create-series-loader.js';
export { engineBaseConfig, engineConfig } from './engine-config.js';
export { EnginePool, type EnginePoolOptions, type EvaluateOptions } from './engine-pool.js';
export { EngineThreadCrashedError } from './engine-thread-crashed-error.js';
export {
  type CachedResultLookup,
  evaluateInline,
  executeRunJob,
  jobFailureOutcomes,
  type RunEvaluator,
  type SeriesLoader,
  type VersionedSeries,
} from './execute-run-job.js';
export { SweepStatusCache } from './sweep-status-cache.js';
