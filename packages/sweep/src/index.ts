export { canonicalJson } from './canonical-json.js';
export { checkSweepReferences, type SweepReferences } from './check-sweep-references.js';
export { CombinationSpace, MAX_ENUMERATED_COMBINATIONS } from './combination-space.js';
export { type ParamValues, paramValues } from './param-values.js';
export { formatIssuePath, formatIssues, readSweepFile, SweepFileError } from './read-sweep-file.js';
export { type SubmitSweepOptions, type SubmittedSweep, SweepConflictError, submitSweep } from './submit-sweep.js';
export { type PlannedJob, SweepPlan, strategySettings } from './sweep-plan.js';
export { SweepPlanError } from './sweep-plan-error.js';
export { SweepNotFoundError, sweepProgress, watchSweep } from './watch-sweep.js';
