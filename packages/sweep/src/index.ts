export { canonicalJson } from './canonical-json.js';
export { type ParamValues, paramValues } from './param-values.js';
export { type SubmitSweepOptions, type SubmittedSweep, SweepConflictError, submitSweep } from './submit-sweep.js';
export { type PlannedJob, SweepPlan, SweepPlanError } from './sweep-plan.js';
export { SweepNotFoundError, sweepProgress, watchSweep } from './watch-sweep.js';
