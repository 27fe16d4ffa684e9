export {
  BacktestSettings,
  mergeSettings,
  resolveSettings,
  settingConflicts,
  settingShape,
} from './backtest-settings.js';
export { BarInterval } from './bar-interval.js';
export { BarSeriesSummary } from './bar-series-summary.js';
export { DataVersion } from './data-version.js';
export {
  type Expression,
  ExpressionError,
  expressionHolds,
  expressionType,
  parseExpression,
  type ValueType,
} from './expression.js';
export {
  type LedgerName,
  LedgerNames,
  type MetricColumn,
  type MetricName,
  MetricNames,
  MetricTable,
  type RankableMetric,
  RankableMetrics,
  StatisticNames,
} from './metric-table.js';
export { ParamDomain, ParamRange } from './param-domain.js';
export { QueueNames, RESULTS_GROUP, RESULTS_STREAM, RUN_JOB_NAME } from './queues.js';
export { MAX_RUN_JOB_BYTES, PlannedRun, RunJob, runJobBytes, runSettings } from './run-job.js';
export { RunMetrics, RunOutcome, RunStatus } from './run-outcome.js';
export { AxisValues, splitSettings } from './setting-domain.js';
export { type SettingDefinition, SettingGroup, type SettingName, SettingNames, SettingTable } from './setting-table.js';
export {
  givenSettings,
  IsoDate,
  SearchMethod,
  SweepSpec,
  type SweepSpecInput,
  SweepStrategy,
  SymbolName,
  strategySettingDomains,
  sweptNames,
} from './sweep-spec.js';
export { SweepProgress, SweepStatus } from './sweep-status.js';
export { TraceCarrier } from './trace-carrier.js';
