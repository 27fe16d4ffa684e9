export { BacktestSettings, BacktestSettingsOverrides, DecimalString } from './backtest-settings.js';
export { BarInterval } from './bar-interval.js';
export { BarSeriesSummary } from './bar-series-summary.js';
export { DataVersion } from './data-version.js';
export {
  type BinaryOperator,
  type Expression,
  ExpressionError,
  type ExpressionType,
  type ExpressionValue,
  evaluateExpression,
  expressionHolds,
  expressionNames,
  expressionType,
  parseExpression,
  type ValueType,
} from './expression.js';
export {
  type LedgerName,
  LedgerNames,
  type MetricColumn,
  type MetricDefinition,
  type MetricFormat,
  type MetricName,
  MetricNames,
  type MetricSource,
  MetricTable,
  type MetricType,
  type RankableMetric,
  RankableMetrics,
  type StatisticName,
  StatisticNames,
} from './metric-table.js';
export { ParamDomain, ParamRange } from './param-domain.js';
export { QueueNames, RESULTS_GROUP, RESULTS_STREAM, RUN_JOB_NAME } from './queues.js';
export { MAX_RUN_JOB_BYTES, PlannedRun, RunJob, runJobBytes } from './run-job.js';
export { RunMetrics, RunOutcome, RunStatus } from './run-outcome.js';
export { IsoDate, SearchMethod, SweepSpec, type SweepSpecInput, SweepStrategy, SymbolName } from './sweep-spec.js';
export { SweepProgress, SweepStatus } from './sweep-status.js';
export { TraceCarrier } from './trace-carrier.js';
