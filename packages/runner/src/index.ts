export { BarCache } from './bar-cache.js';
export { calibrateSweep, runsPerJobFor } from './calibrate-sweep.js';
export { isServiceUnavailable } from './classify-error.js';
export { createSeriesLoader } from './create-series-loader.js';
export { engineConfig } from './engine-config.js';
export { EnginePool } from './engine-pool.js';
export { evaluateInline, executeRunJob, jobFailureOutcomes, type VersionedSeries } from './execute-run-job.js';
export { replayReturns } from './replay-returns.js';
export { SweepStatusCache } from './sweep-status-cache.js';
