export type { EquityPoint } from './analysis/sample-equity-curve.js';
export { type BacktestConfig, SweepBaseConfig } from './backtest-config.js';
export type { BacktestResult } from './backtest-result.js';
export type { BarSeries } from './data/bar-series.js';
export { ENGINE_VERSION } from './engine-identity.js';
export {
  definePortfolioStrategy,
  type RegisteredPortfolioStrategy,
} from './portfolio-run/define-portfolio-strategy.js';
export type { PortfolioBacktestResult, WeightPoint } from './portfolio-run/portfolio-result.js';
export { runPortfolioBacktest } from './portfolio-run/run-portfolio-backtest.js';
export { runBacktest } from './run-backtest.js';
export { runSweep, type SweepOutcome } from './run-sweep.js';
export { defineStrategy, type RegisteredStrategy } from './strategy/strategy-definition.js';
export {
  collectStrategies,
  listStrategies,
  parseStrategyParams,
  registerStrategy,
} from './strategy/strategy-registry.js';
