export { CombinationSpace, MAX_ENUMERATED_COMBINATIONS } from './combination-space.js';
export { findSweepProblems, type SweepCatalog } from './find-sweep-problems.js';
export { formatIssuePath, formatIssues } from './format-issues.js';
export { readSweepFile } from './read-sweep-file.js';
export { SweepFileError } from './sweep-file-error.js';
export { type PlannedJob, SweepPlan, strategySettings } from './sweep-plan.js';
export { SweepPlanError } from './sweep-plan-error.js';
