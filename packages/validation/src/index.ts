export { BLOCK_FIELDS, blockStats, CSCV_BLOCKS } from './cscv/block-stats.js';
export { type BlockUnionMoments, blockUnionMoments } from './cscv/block-union-moments.js';
export {
  type BacktestOverfitting,
  type LogitHistogram,
  type PboOptions,
  probabilityOfBacktestOverfitting,
} from './cscv/probability-of-backtest-overfitting.js';
export { inverseNormalCdf } from './normal/inverse-normal-cdf.js';
export { normalCdf } from './normal/normal-cdf.js';
export { type RunReturnStatistics, returnStatisticsOf } from './return-statistics-of.js';
export { deflatedSharpeRatio, type TrialSharpes } from './sharpe/deflated-sharpe-ratio.js';
export { expectedMaximumSharpe } from './sharpe/expected-maximum-sharpe.js';
export { kurtosis } from './sharpe/kurtosis.js';
export { perBarSharpe } from './sharpe/per-bar-sharpe.js';
export { probabilisticSharpeRatio } from './sharpe/probabilistic-sharpe-ratio.js';
export { sampleVariance } from './sharpe/sample-variance.js';
export { type SharpeEstimate, sharpeEstimate } from './sharpe/sharpe-estimate.js';
export { simpleReturns } from './sharpe/simple-returns.js';
export { skewness } from './sharpe/skewness.js';
export { ValidationInputError } from './validation-input-error.js';
export { annualizedReturn } from './walk-forward/annualized-return.js';
export {
  type CalendarWindow,
  cutWindows,
  type Fold,
  type WalkForwardSpec,
  type WindowSpec,
} from './walk-forward/cut-windows.js';
export { type Duration, parseDuration } from './walk-forward/duration.js';
export { parameterChanges } from './walk-forward/parameter-changes.js';
export { stitchEquity } from './walk-forward/stitch-equity.js';
export { type FoldReturns, type WindowReturn, walkForwardEfficiency } from './walk-forward/walk-forward-efficiency.js';
export { type BarRange, windowBars } from './walk-forward/window-bars.js';
export { windowDays } from './walk-forward/window-days.js';
