export type { PerformanceMetrics } from './analysis/performance-report.js';
export { periodsPerYear } from './analysis/periods-per-year.js';
export type { EquityPoint } from './analysis/sample-equity-curve.js';
export { BacktestConfig, Commission, Sizing, SweepBaseConfig } from './backtest-config.js';
export type { BacktestResult } from './backtest-result.js';
export type { BarSeries } from './data/bar-series.js';
export { validateBars } from './data/validate-bars.js';
export { ENGINE_VERSION } from './engine-version.js';
export {
  ConfigError,
  EngineError,
  EngineErrorCode,
  InvalidDataError,
  InvariantViolationError,
} from './errors.js';
export { type Trade, TradeSide } from './portfolio/trade.js';
export { runBacktest } from './run-backtest.js';
export { runSweep, type SweepError, type SweepOutcome } from './run-sweep.js';
export { listStrategies, parseStrategyParams, type StrategyInfo } from './strategy/strategy-registry.js';
