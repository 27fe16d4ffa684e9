import { BacktestConfig, describeIssues } from './backtest-config.js';
import type { BacktestResult } from './backtest-result.js';
import type { BarSeries } from './data/bar-series.js';
import { validateBars } from './data/validate-bars.js';
import { ConfigError } from './errors.js';
import { IndicatorCache } from './indicators/indicator-cache.js';
import type { Arithmetic } from './money/arithmetic.js';
import { decimalArithmetic } from './money/decimal-arithmetic.js';
import { simulate } from './simulate.js';
import { prepareStrategy } from './strategy/strategy-registry.js';

/**
 * Runs one strategy over one series with exact decimal accounting: validates the config, the strategy's parameters
 * and the bars, then simulates (signals on a bar's close fill at the next bar's open, see {@link runBacktestLoop}).
 * Pure and deterministic: no I/O, clock or randomness.
 *
 * @throws {@link ConfigError} for a bad config or parameters; {@link InvalidDataError} for bad bars
 * @example
 * const result = runBacktest(series, {
 *   strategy: 'sma_cross', params: { fast: 10, slow: 30 }, cash: '100000',
 *   commission: { kind: 'percent', rate: '0.001' },
 * });
 * result.finalEquity; // '102302.33…' on ORCL 1995–2014
 */
export function runBacktest(series: BarSeries, config: BacktestConfig): BacktestResult {
  return runBacktestWith(series, config, decimalArithmetic);
}

/**
 * {@link runBacktest} in a chosen arithmetic. Only the benchmark passes anything but decimals, to measure the cost
 * of exact money against the same engine; not part of the package surface.
 */
export function runBacktestWith<M>(series: BarSeries, config: BacktestConfig, math: Arithmetic<M>): BacktestResult {
  const parsed = BacktestConfig.safeParse(config);
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error, ''));
  const { params, ...base } = parsed.data;
  const strategy = prepareStrategy(base.strategy, params);
  validateBars(series);
  return simulate({ series, base, strategy, indicators: new IndicatorCache(series), math }).result;
}
