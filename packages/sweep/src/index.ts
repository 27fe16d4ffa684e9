export { canonicalJson } from './canonical-json.js';
export { checkSweepReferences, type SweepReferences } from './check-sweep-references.js';
export { type ParamValues, paramValues } from './param-values.js';
export { formatIssuePath, formatIssues, readSweepFile, SweepFileError } from './read-sweep-file.js';
export { type ReplayedRun, RunNotFoundError, replayRun } from './replay-run.js';
export { type SubmitSweepOptions, type SubmittedSweep, SweepConflictError, submitSweep } from './submit-sweep.js';
export { type SweepOverview, sweepOverview } from './sweep-overview.js';
export { type PlannedJob, SweepPlan, SweepPlanError } from './sweep-plan.js';
export { SweepNotFoundError, sweepProgress, watchSweep } from './watch-sweep.js';
