import type { BacktestContext } from './backtest-context.js';
import type { BarCursor } from './data/bar-cursor.js';
import type { BarSeries } from './data/bar-series.js';
import { InvariantViolationError } from './errors.js';
import type { SimulatedBroker } from './execution/simulated-broker.js';
import type { Portfolio } from './portfolio/portfolio.js';
import type { RiskEngine } from './risk/risk-engine.js';
import type { Strategy } from './strategy/strategy.js';

/** What one pass over the bars produces besides the portfolio's own state. */
export interface LoopOutput {
  /** Equity marked at each bar's close, as doubles (approximate; the exact final equity comes from the portfolio). */
  readonly equity: Float64Array;
  /** Bars that closed with a non-zero position. */
  readonly barsInMarket: number;
}

/** The wired components of one run. */
export interface LoopParts<M> {
  readonly series: BarSeries;
  readonly cursor: BarCursor;
  readonly strategy: Strategy;
  readonly context: BacktestContext<M>;
  readonly broker: SimulatedBroker<M>;
  readonly portfolio: Portfolio<M>;
  readonly risk: RiskEngine<M>;
}

/**
 * The per-bar phase contract, in the one place it is written down. For each bar t:
 *
 * 1. **Fill** — orders queued before bar t execute against bar t: market orders first, at its open, then limit/stop
 *    orders when it trades through them (see {@link SimulatedBroker}); fills and rejections reach the risk engine,
 *    then the strategy.
 * 2. **Decide** — the strategy's `onBar` sees bar t (and earlier bars only: the cursor stops at t) and the
 *    position after phase 1; orders it places are queued for bar t+1.
 * 3. **Mark** — equity is marked at bar t's close.
 *
 * Hence a signal on bar t's close fills at bar t+1's open, and an order placed on the last bar never fills.
 * `onStart` runs before bar 0 (lines read `NaN`, no orders), `onStop` after the last bar.
 * The loop allocates nothing on bars where no order is pending and the strategy does nothing.
 */
export function runBacktestLoop<M>(parts: LoopParts<M>): LoopOutput {
  const { series, cursor, strategy, context, broker, portfolio, risk } = parts;
  const length = series.length;
  const close = series.close;
  const equity = new Float64Array(length);
  let barsInMarket = 0;
  broker.listen({
    onOrderFilled(event) {
      risk.onOrderFilled(event.tsEvent);
      strategy.onOrderFilled?.(event, context);
    },
    onOrderRejected(event) {
      strategy.onOrderRejected?.(event, context);
    },
  });
  context.attach(strategy);
  cursor.index = -1;
  strategy.onStart?.(context);
  for (let index = 0; index < length; index++) {
    cursor.index = index;
    if (broker.pendingCount > 0) broker.processBar(index);
    strategy.onBar(context);
    const quantity = portfolio.quantity;
    const value = quantity === 0 ? portfolio.cashFloat : portfolio.cashFloat + quantity * (close[index] as number);
    if (!Number.isFinite(value)) {
      throw new InvariantViolationError(`equity is not finite at bar ${index}`);
    }
    equity[index] = value;
    if (quantity !== 0) barsInMarket++;
  }
  strategy.onStop?.(context);
  return { equity, barsInMarket };
}
