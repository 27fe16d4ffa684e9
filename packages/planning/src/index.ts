export { CombinationSpace } from './combination-space.js';
export { findCombinationProblems } from './find-combination-problems.js';
export { findSweepProblems } from './find-sweep-problems.js';
export { formatIssues } from './format-issues.js';
export { readSweepFile } from './read-sweep-file.js';
export { SweepFileError } from './sweep-file-error.js';
export { SweepPlan, strategySettings } from './sweep-plan.js';
export { SweepPlanError } from './sweep-plan-error.js';
export { SweepTooLargeError } from './sweep-too-large-error.js';
