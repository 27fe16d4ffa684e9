import type { SweepBaseConfig } from '../../src/backtest-config.js';
import type { BacktestResult } from '../../src/backtest-result.js';
import type { BarSeries } from '../../src/data/bar-series.js';
import { IndicatorCache } from '../../src/indicators/indicator-cache.js';
import { decimalArithmetic } from '../../src/money/decimal-arithmetic.js';
import { simulate } from '../../src/simulate.js';
import type { Strategy } from '../../src/strategy/strategy.js';

/** Runs a test-only strategy through the real engine (registry strategies go through runBacktest instead). */
export function runCustom(
  series: BarSeries,
  strategy: () => Strategy,
  base: Partial<SweepBaseConfig> = {},
): BacktestResult {
  return simulate({
    series,
    base: { strategy: 'custom', cash: '100000', ...base },
    strategy: { params: {}, create: strategy },
    indicators: new IndicatorCache(series),
    math: decimalArithmetic,
  }).result;
}

/** A strategy that places the given orders on the given bars. */
export function scripted(
  actions: Readonly<Record<number, (ctx: Parameters<Strategy['onBar']>[0]) => void>>,
): () => Strategy {
  return () => ({
    onBar(ctx) {
      actions[ctx.index]?.(ctx);
    },
  });
}
