export {
  type CalibrationLoader,
  calibrateSweep,
  MIN_JOB_MS,
  runsPerJobFor,
  type SweepCalibration,
  TARGET_JOB_MS,
} from './calibrate-sweep.js';
export { cancelSweepRuns } from './cancel-sweep-runs.js';
export { canonicalJson } from './canonical-json.js';
export { CombinationSpace, MAX_ENUMERATED_COMBINATIONS } from './combination-space.js';
export { type ExportFormat, ExportFormats, exportRuns } from './export-runs.js';
export { findSweepProblems, type SweepCatalog } from './find-sweep-problems.js';
export { type ParamValues, paramValues } from './param-values.js';
export { PlannedRunVerifier, type UnplannedOutcome, type VerifiedOutcomes } from './planned-run-verifier.js';
export { type QuietSweepReconcilerOptions, startQuietSweepReconciler } from './quiet-sweep-reconciler.js';
export { formatIssuePath, formatIssues, readSweepFile, SweepFileError } from './read-sweep-file.js';
export { type ReconcileResult, reconcileSweep } from './reconcile-sweep.js';
export { type ReplayedRun, RunNotFoundError, replayRun } from './replay-run.js';
export { requeueRuns } from './requeue-runs.js';
export { type ResumedSweep, resumeSweepRuns } from './resume-sweep-runs.js';
export { retryFailedRuns } from './retry-failed-runs.js';
export { loadStoredSweep, type StoredSweep } from './stored-sweep-plan.js';
export { type SubmitSweepOptions, type SubmittedSweep, SweepConflictError, submitSweep } from './submit-sweep.js';
export { SweepNotFoundError } from './sweep-not-found-error.js';
export { type SweepOverview, sweepOverview } from './sweep-overview.js';
export { type PlannedJob, SweepPlan, strategySettings } from './sweep-plan.js';
export { SweepPlanError } from './sweep-plan-error.js';
export { SweepStateError } from './sweep-state-error.js';
export { sweepProgress, watchSweep } from './watch-sweep.js';
