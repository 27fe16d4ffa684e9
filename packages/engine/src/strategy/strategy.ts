import type { OrderDenied, OrderFilled, OrderRejected } from '../orders/events.js';
import type { OrderType } from '../orders/order.js';
import type { Line } from './line.js';

/** Optional details of an entry order; without them it is a market order sized by the run's sizing. */
export interface OrderRequest {
  /** @defaultValue 'market' */
  readonly type?: OrderType;
  /** Limit or stop level, required for those types. */
  readonly price?: number;
  /** Whole units. @defaultValue from the run's {@link Sizing} */
  readonly quantity?: number;
}

/** The price columns of the current and earlier bars. */
export interface BarLines {
  readonly open: Line;
  readonly high: Line;
  readonly low: Line;
  readonly close: Line;
  readonly volume: Line;
}

/**
 * Everything a strategy sees and may do on a bar. Orders placed here are queued and first considered on the next
 * bar, whose open is the earliest price a real order could get.
 */
export interface StrategyContext {
  /** Index of the current bar. */
  readonly index: number;
  /** Time of the current bar, epoch ms UTC. */
  readonly time: number;
  /** Open units: > 0 long, < 0 short, 0 flat. */
  readonly position: number;
  /** Resting orders not filled yet, including the risk engine's protective exits. */
  readonly pendingOrders: number;
  readonly bars: BarLines;
  buy(request?: OrderRequest): void;
  sell(request?: OrderRequest): void;
  /**
   * Market order that returns the position to flat. Its side and quantity are decided when it fills, at the next
   * bar's open, against the position at that moment (so it never overshoots into the opposite side), and it does
   * nothing if the position is flat by then. A strategy that only calls `buy` and `close` never holds a short.
   */
  close(): void;
  /** Cancels the strategy's resting orders. */
  cancelAll(): void;
}

/**
 * A trading strategy, driven bar by bar (see {@link runBacktestLoop} for the phase order). Money fields of events
 * are in the run's arithmetic; strategies decide on the float {@link Line}s.
 */
export interface Strategy {
  onStart?(ctx: StrategyContext): void;
  onBar(ctx: StrategyContext): void;
  onOrderFilled?(event: OrderFilled<unknown>, ctx: StrategyContext): void;
  onOrderRejected?(event: OrderRejected | OrderDenied, ctx: StrategyContext): void;
  onStop?(ctx: StrategyContext): void;
}
