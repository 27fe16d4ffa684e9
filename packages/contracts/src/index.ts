export { BacktestSettings, BacktestSettingsOverrides, DecimalString } from './backtest-settings.js';
export { BarInterval } from './bar-interval.js';
export { BarSeriesSummary } from './bar-series-summary.js';
export { DataVersion } from './data-version.js';
export {
  type BinaryOperator,
  ComparisonOperators,
  type Expression,
  ExpressionError,
  evaluateExpression,
  expressionNames,
  parseExpression,
} from './expression.js';
export { ParamDomain, ParamRange } from './param-domain.js';
export type { ParsedBar } from './parsed-bar.js';
export { QueueNames, RESULTS_GROUP, RESULTS_STREAM, RUN_JOB_NAME } from './queues.js';
export { MAX_RUN_JOB_BYTES, PlannedRun, RunJob, runJobBytes } from './run-job.js';
export { RunMetrics, RunOutcome, RunStatus } from './run-outcome.js';
export { IsoDate, SearchMethod, SweepSpec, type SweepSpecInput, SweepStrategy, SymbolName } from './sweep-spec.js';
export { SweepProgress, SweepStatus } from './sweep-status.js';
export { TraceCarrier } from './trace-carrier.js';
