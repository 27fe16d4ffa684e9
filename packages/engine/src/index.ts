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
export { type RunSweepOptions, runSweep, type SweepError, type SweepOutcome } from './run-sweep.js';
export type { ParamRule } from './strategy/param-rules-of.js';
export type { Strategy, StrategyContext } from './strategy/strategy.js';
export { defineStrategy, type RegisteredStrategy, type StrategyDefinition } from './strategy/strategy-definition.js';
export {
  listStrategies,
  parseStrategyParams,
  registerStrategy,
  type StrategyInfo,
} from './strategy/strategy-registry.js';
export type { StrategySetup } from './strategy/strategy-setup.js';
