export { bestRuns, type RankedRun } from './best-runs.js';
export { cancelSweepRuns } from './cancel-sweep-runs.js';
export type { ConsistencyMatrix, ConsistencyRow } from './consistency-matrix.js';
export { type ExportFormat, ExportFormats, exportRuns } from './export-runs.js';
export { groupReturns, type ReturnsGroup, type ReturnsMatrix, writeReturnsCsv } from './group-returns.js';
export type { GroupValidation, ValidatedBest } from './group-validation.js';
export type { ParameterNeighbourhood } from './parameter-neighbourhood.js';
export { PlannedRunVerifier } from './planned-run-verifier.js';
export { startQuietSweepReconciler } from './quiet-sweep-reconciler.js';
export { reconcileSweep } from './reconcile-sweep.js';
export { replayRun } from './replay-run.js';
export { resolveSweepId } from './resolve-sweep-id.js';
export { resumeSweepRuns } from './resume-sweep-runs.js';
export { retryFailedRuns } from './retry-failed-runs.js';
export { loadStoredSweep } from './stored-sweep-plan.js';
export { submitSweep } from './submit-sweep.js';
export { sweepFailures } from './sweep-failures.js';
export { sweepOverview } from './sweep-overview.js';
export {
  rowValidation,
  type SweepValidation,
  type SweepValidationFilter,
  sweepValidation,
} from './sweep-validation.js';
export type { ValidationSelection } from './validation-selection.js';
export { sweepProgress, watchSweep } from './watch-sweep.js';
