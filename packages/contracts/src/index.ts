export {
  BacktestSettings,
  resolveSettings,
  settingShape,
} from './backtest-settings.js';
export { BarInterval } from './bar-interval.js';
export { BarSeriesSummary } from './bar-series-summary.js';
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
export { ParamDomain } from './param-domain.js';
export type { ParsedBar } from './parsed-bar.js';
export { QueueNames, RESULTS_GROUP, RESULTS_STREAM, RUN_JOB_NAME } from './queues.js';
export { RangeBound, rangeEndMs, rangeStartMs } from './range-bound.js';
export { ReturnStatistics } from './return-statistics.js';
export { MAX_RUN_JOB_BYTES, PlannedRun, RunJob, runJobBytes, runSettings } from './run-job.js';
export { RunMetrics, RunOutcome, SymbolSummary } from './run-outcome.js';
export { splitSettings } from './setting-domain.js';
export { type SettingName, SettingNames, SettingTable } from './setting-table.js';
export { shortBundleHash, strategyFileLabel } from './strategy-bundle-hash.js';
export {
  givenSettings,
  SweepSpec,
  type SweepSpecInput,
  SweepStrategy,
  SymbolName,
  strategySettingDomains,
  sweptNames,
} from './sweep-spec.js';
export { SweepProgress, SweepStatus } from './sweep-status.js';
export { TraceCarrier } from './trace-carrier.js';
export { RunWindow } from './validation-spec.js';
