import { annualizedVolatility } from './annualized-volatility.js';
import { averageTrade } from './average-trade.js';
import { cagr } from './cagr.js';
import { calmarRatio } from './calmar-ratio.js';
import { exposure } from './exposure.js';
import type { MaxDrawdown } from './max-drawdown.js';
import { profitFactor } from './profit-factor.js';
import { returnMoments } from './return-moments.js';
import { sharpeRatio } from './sharpe-ratio.js';
import { sortinoRatio } from './sortino-ratio.js';
import { totalReturn } from './total-return.js';
import { winRate } from './win-rate.js';

/**
 * A run's statistics. All are approximate floats computed from the per-bar equity marked at the close; each is
 * `null` when undefined for the run (e.g. `profitFactor` with no losing trade, Sharpe with zero volatility), so the
 * object always serializes to JSON.
 */
export interface PerformanceMetrics {
  /** `final / initial − 1`. */
  readonly totalReturn: number | null;
  /** Compound annual growth over calendar time. */
  readonly cagr: number | null;
  /** Annualized standard deviation of bar returns. */
  readonly volatility: number | null;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  /** Deepest fall from a running peak, as a fraction ≥ 0. */
  readonly maxDrawdown: number | null;
  /** Longest stretch below a previous peak, in bars. */
  readonly maxDrawdownDuration: number | null;
  /** CAGR / maxDrawdown. */
  readonly calmar: number | null;
  readonly winRate: number | null;
  readonly profitFactor: number | null;
  /** Mean P&L per closed trade after commissions. */
  readonly averageTrade: number | null;
  /** Fraction of bars closed in the market. */
  readonly exposure: number | null;
}

/** The inputs {@link performanceReport} needs, all already computed by the run. */
export interface PerformanceInputs {
  readonly time: Float64Array;
  readonly equity: Float64Array;
  readonly drawdown: MaxDrawdown;
  readonly initialEquity: number;
  readonly finalEquity: number;
  readonly tradePnls: readonly number[];
  readonly winningTrades: number;
  readonly barsInMarket: number;
  readonly riskFreeRate: number;
  readonly barsPerYear: number;
}

/** Assembles every statistic from one run's equity curve and trades. */
export function performanceReport(inputs: PerformanceInputs): PerformanceMetrics {
  const { time, equity, drawdown, initialEquity, finalEquity, tradePnls, riskFreeRate, barsPerYear } = inputs;
  const moments = returnMoments(equity, riskFreeRate / barsPerYear);
  const growth = cagr(initialEquity, finalEquity, time[0] ?? 0, time[time.length - 1] ?? 0);
  const finite = (value: number | null): number | null => (value === null || Number.isFinite(value) ? value : null);
  return {
    totalReturn: finite(totalReturn(initialEquity, finalEquity)),
    cagr: finite(growth),
    volatility: finite(annualizedVolatility(moments, barsPerYear)),
    sharpe: finite(sharpeRatio(moments, riskFreeRate, barsPerYear)),
    sortino: finite(sortinoRatio(moments, riskFreeRate, barsPerYear)),
    maxDrawdown: drawdown.depth,
    maxDrawdownDuration: drawdown.duration,
    calmar: finite(calmarRatio(growth, drawdown.depth)),
    winRate: winRate(inputs.winningTrades, tradePnls.length),
    profitFactor: finite(profitFactor(tradePnls)),
    averageTrade: finite(averageTrade(tradePnls)),
    exposure: exposure(inputs.barsInMarket, equity.length),
  };
}
