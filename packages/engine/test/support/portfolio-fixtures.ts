import { z } from 'zod';
import type { BacktestConfig } from '../../src/backtest-config.js';
import type { BarSeries } from '../../src/data/bar-series.js';
import { definePortfolioStrategy } from '../../src/portfolio-run/define-portfolio-strategy.js';
import type { PortfolioContext } from '../../src/portfolio-run/portfolio-strategy.js';
import { registerStrategy } from '../../src/strategy/strategy-registry.js';

const DAY = 86_400_000;
const START = Date.UTC(2020, 0, 1);

/** One hand-written bar on day `day` (0 = 2020-01-01); high and low are the max and min of open and close. */
export interface DayBar {
  readonly day: number;
  readonly open: number;
  readonly close: number;
}

/** A daily series with bars only on the given days, so tests can leave holes and late starts. */
export function seriesOnDays(symbol: string, bars: readonly DayBar[]): BarSeries {
  const column = (pick: (bar: DayBar) => number) => Float64Array.from(bars, pick);
  return {
    symbol,
    interval: '1d',
    length: bars.length,
    time: column((b) => START + b.day * DAY),
    open: column((b) => b.open),
    high: column((b) => Math.max(b.open, b.close)),
    low: column((b) => Math.min(b.open, b.close)),
    close: column((b) => b.close),
    volume: column(() => 1000),
  };
}

let scripts = 0;

/**
 * Registers a test-only portfolio strategy that calls `onBar` on every portfolio bar, and returns a config naming it
 * (the registry is the only way into {@link runPortfolioBacktest}, as for real strategies).
 */
export function scriptedPortfolio(
  onBar: (ctx: PortfolioContext) => void,
  base: Partial<BacktestConfig> = {},
): BacktestConfig {
  const name = `test_portfolio_script_${++scripts}`;
  registerStrategy(
    definePortfolioStrategy({
      name,
      description: 'test script',
      params: z.strictObject({}),
      paramDocs: {},
      create: () => ({ onBar }),
    }),
  );
  return { strategy: name, params: {}, cash: '1000', ...base };
}
