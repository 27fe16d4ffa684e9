import type { PerformanceMetrics } from './analysis/performance-report.js';
import type { EquityPoint } from './analysis/sample-equity-curve.js';
import type { Trade } from './portfolio/trade.js';

/**
 * The outcome of one run: exact money as decimal strings, statistics as floats. Deterministic: the same bars and
 * config give the same object, and the same JSON bytes.
 */
export interface BacktestResult {
  /** Exact `cash + position × last close`, as a plain decimal string. */
  readonly finalEquity: string;
  readonly closedTrades: number;
  /** Closed trades whose P&L after both commissions is > 0. */
  readonly winningTrades: number;
  /** Orders the broker rejected (cash could not pay) plus commands the risk engine denied. */
  readonly rejectedOrders: number;
  /** Executions booked, entries and exits alike. */
  readonly fills: number;
  /** Signed units held after the last bar (> 0 long, < 0 short), as a decimal string. */
  readonly finalUnits: string;
  readonly metrics: PerformanceMetrics;
  /** At most 1000 points, keeping the first, last and extreme bars. */
  readonly equityCurve: EquityPoint[];
  /** Closed round trips in the order they closed; a position still open at the end is not a trade. */
  readonly trades: Trade[];
}
