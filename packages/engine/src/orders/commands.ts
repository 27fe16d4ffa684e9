import type { OrderIntent, OrderOrigin, OrderSide, OrderType } from './order.js';

/**
 * The command to place an order, already sized in whole units. It passes the risk engine (which may deny it) before
 * the broker accepts it.
 * @typeParam M - the run's money type
 */
export interface SubmitOrder<M> {
  readonly kind: 'SubmitOrder';
  readonly side: OrderSide;
  readonly type: OrderType;
  /** See {@link OrderIntent}; `quantity` is 0 for a `close` order. */
  readonly intent: OrderIntent;
  readonly quantity: number;
  /** Limit or stop level; `NaN` for market orders. */
  readonly price: number;
  readonly exactPrice: M | undefined;
  readonly origin: OrderOrigin;
  readonly tsInit: number;
}
