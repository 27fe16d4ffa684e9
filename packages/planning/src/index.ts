export { CombinationSpace, type CombinationSpaceOptions, MAX_ENUMERATED_COMBINATIONS } from './combination-space.js';
export { EmptySweepError } from './empty-sweep-error.js';
export {
  type FindCombinationProblemsOptions,
  findCombinationProblems,
  MAX_CHECKED_COMBINATIONS,
} from './find-combination-problems.js';
export { findSweepProblems, type SweepCatalog } from './find-sweep-problems.js';
export { formatIssuePath, formatIssues } from './format-issues.js';
export type { ParamRule } from './param-rule.js';
export { readSweepFile } from './read-sweep-file.js';
export { SweepFileError } from './sweep-file-error.js';
export { type PlannedJob, SweepPlan, strategySettings } from './sweep-plan.js';
export { SweepPlanError } from './sweep-plan-error.js';
export { SweepTooLargeError } from './sweep-too-large-error.js';
