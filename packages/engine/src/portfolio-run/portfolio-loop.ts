import type { BarSeries } from '../data/bar-series.js';
import { InvariantViolationError } from '../errors.js';
import { decimalArithmetic as math } from '../money/decimal-arithmetic.js';
import { OrderSide } from '../orders/order.js';
import type { LivePortfolioContext } from './live-portfolio-context.js';
import type { MergedCalendar } from './merged-calendar.js';
import type { PortfolioAccount } from './portfolio-account.js';
import { type PortfolioOrder, PortfolioOrderKind } from './portfolio-order.js';
import type { PortfolioStrategy } from './portfolio-strategy.js';

/** The wired parts of one portfolio run. */
export interface PortfolioLoopParts {
  readonly series: readonly BarSeries[];
  readonly calendar: MergedCalendar;
  readonly context: LivePortfolioContext;
  readonly account: PortfolioAccount;
  readonly strategy: PortfolioStrategy;
  /** Portfolio bars at which to record every symbol's weight, ascending. */
  readonly weightBars: readonly number[];
}

/** What one pass produces besides the account's own state. */
export interface PortfolioLoopOutput {
  /** Equity marked at each portfolio bar's close (approximate doubles). */
  readonly equity: Float64Array;
  /** Portfolio bars that closed with any units held. */
  readonly barsInMarket: number;
  /** Orders that could not fill because their symbol had no bar at the fill bar. */
  readonly lapsedOrders: number;
  /** Per entry of `weightBars`, each symbol's units × close / equity. */
  readonly weights: number[][];
}

interface ResolvedOrder {
  readonly symbol: number;
  readonly side: OrderSide;
  readonly quantity: number;
}

/**
 * The portfolio's per-bar phase contract, the multi-symbol twin of {@link runBacktestLoop}. For each portfolio bar t
 * (the union of the symbols' timestamps):
 *
 * 1. **Snapshot** — each symbol with a bar at t moves its latest bar to t; the others keep their last bar (and are
 *    valued at its close). A symbol before its first bar has no snapshot.
 * 2. **Fill** — the orders decided at t−1 execute at t's open: sells first, then buys, each group in ascending symbol
 *    order (placement order within a symbol). A `close` becomes a sell or buy of the position held. An order on a
 *    symbol with no bar at t lapses (neither a fill nor a rejection); a buy the cash cannot pay is rejected whole.
 * 3. **Decide** — the strategy sees every snapshot and the account after phase 2; its orders wait for t+1.
 * 4. **Mark** — equity = cash + Σ units × last close.
 *
 * Orders decided on the last bar never fill and count as neither fills nor rejections.
 */
export function runPortfolioLoop(parts: PortfolioLoopParts): PortfolioLoopOutput {
  const { series, calendar, context, account, strategy, weightBars } = parts;
  const length = calendar.length;
  const symbols = series.length;
  const rowAt = calendar.rowAt;
  const closes = series.map((one) => one.close);
  const lastRow = context.lastRow;
  const units = account.units;
  const barsHeld = account.barsHeld;
  const equity = new Float64Array(length);
  const weights: number[][] = [];
  let nextWeight = 0;
  let barsInMarket = 0;
  let lapsedOrders = 0;
  for (let bar = 0; bar < length; bar++) {
    for (let s = 0; s < symbols; s++) {
      const row = (rowAt[s] as Int32Array)[bar] as number;
      if (row >= 0) lastRow[s] = row;
    }
    if (context.pending.length > 0) {
      const orders = resolve(context.pending, units);
      context.pending = [];
      const time = calendar.time[bar] as number;
      for (const order of orders) {
        const row = (rowAt[order.symbol] as Int32Array)[bar] as number;
        if (row < 0) {
          lapsedOrders++;
          continue;
        }
        const open = math.fromNumber((series[order.symbol] as BarSeries).open[row] as number);
        account.execute(order.symbol, order.side, order.quantity, open, time);
      }
    }
    context.index = bar;
    context.lastBar = bar === length - 1;
    strategy.onBar(context);
    let value = account.cashFloat;
    let held = false;
    for (let s = 0; s < symbols; s++) {
      const quantity = units[s] as number;
      if (quantity === 0) continue;
      held = true;
      barsHeld[s] = (barsHeld[s] as number) + 1;
      value += quantity * ((closes[s] as Float64Array)[lastRow[s] as number] as number);
    }
    if (!Number.isFinite(value)) throw new InvariantViolationError(`portfolio equity is not finite at bar ${bar}`);
    equity[bar] = value;
    if (held) barsInMarket++;
    if (weightBars[nextWeight] === bar) {
      nextWeight++;
      weights.push(
        Array.from({ length: symbols }, (_, s) => {
          const quantity = units[s] as number;
          return quantity === 0
            ? 0
            : (quantity * ((closes[s] as Float64Array)[lastRow[s] as number] as number)) / value;
        }),
      );
    }
  }
  return { equity, barsInMarket, lapsedOrders, weights };
}

/** Turns queued orders into executions in the fill sequence: sells, then buys, each by ascending symbol. */
function resolve(pending: readonly PortfolioOrder[], units: Float64Array): ResolvedOrder[] {
  const resolved: ResolvedOrder[] = [];
  for (const order of pending) {
    if (order.kind === PortfolioOrderKind.Close) {
      const held = units[order.symbol] as number;
      if (held !== 0) {
        resolved.push({
          symbol: order.symbol,
          side: held > 0 ? OrderSide.Sell : OrderSide.Buy,
          quantity: Math.abs(held),
        });
      }
    } else {
      const side = order.kind === PortfolioOrderKind.Buy ? OrderSide.Buy : OrderSide.Sell;
      resolved.push({ symbol: order.symbol, side, quantity: order.quantity });
    }
  }
  const rank = (order: ResolvedOrder) => (order.side === OrderSide.Sell ? 0 : 1);
  return resolved.sort((a, b) => rank(a) - rank(b) || a.symbol - b.symbol);
}
