import type { PerformanceMetrics } from '../analysis/performance-report.js';
import type { EquityPoint } from '../analysis/sample-equity-curve.js';
import type { PortfolioTrade } from './portfolio-trade.js';

/** What one symbol added to a portfolio run. Exact money as decimal strings. */
interface SymbolContribution {
  readonly symbol: string;
  /** Sale proceeds − purchase costs − commissions + units held × last close; the symbols' P&Ls sum to the run's. */
  readonly pnl: string;
  readonly commission: string;
  readonly fills: number;
  /** Times the symbol's units went from non-zero back to 0. */
  readonly closedTrades: number;
  /** Fraction of the portfolio's bars that closed with units of this symbol held. */
  readonly exposure: number | null;
  readonly finalUnits: string;
}

/** Each symbol's share of equity at one portfolio bar, for a stacked weights chart. */
export interface WeightPoint {
  readonly time: number;
  /** units × last close / equity per symbol, in {@link PortfolioBacktestResult.symbols} order. */
  readonly weights: readonly number[];
}

/**
 * The outcome of one portfolio run: the single-symbol result's fields on portfolio equity, plus each symbol's
 * contribution and weights over time. Deterministic like {@link BacktestResult}.
 */
export interface PortfolioBacktestResult {
  /** Exact cash + Σ units × last close. */
  readonly finalEquity: string;
  readonly closedTrades: number;
  readonly winningTrades: number;
  /** Buys the cash could not pay for at their fill. */
  readonly rejectedOrders: number;
  /** Orders whose symbol had no bar at the fill bar (neither fills nor rejections). */
  readonly lapsedOrders: number;
  readonly fills: number;
  /** Units held after the last bar, per symbol. */
  readonly finalUnits: Readonly<Record<string, string>>;
  /** Computed on portfolio equity, exactly as for a single-symbol run. */
  readonly metrics: PerformanceMetrics;
  /** At most 1000 points of portfolio equity. */
  readonly equityCurve: EquityPoint[];
  readonly trades: PortfolioTrade[];
  /** One entry per symbol, ascending. */
  readonly symbols: SymbolContribution[];
  /** At most about 500 evenly spaced bars plus the last. */
  readonly weightCurve: WeightPoint[];
}
