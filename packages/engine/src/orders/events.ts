import type { OrderSide } from './order.js';

/**
 * An order executed in full. Every event carries `tsEvent`, the time of the bar it happened on.
 * @typeParam M - the run's money type (`Decimal` for real runs)
 */
export interface OrderFilled<M> {
  readonly kind: 'OrderFilled';
  readonly orderId: number;
  readonly side: OrderSide;
  readonly quantity: number;
  /** Fill price after slippage. */
  readonly price: M;
  readonly commission: M;
  readonly tsEvent: number;
}

/** The broker refused an accepted order when it came to fill it, e.g. the cash could not pay for it. */
export interface OrderRejected {
  readonly kind: 'OrderRejected';
  readonly orderId: number;
  readonly reason: string;
  readonly tsEvent: number;
}

/** The risk engine refused a command before it reached the broker (zero size, position limit). */
export interface OrderDenied {
  readonly kind: 'OrderDenied';
  readonly side: OrderSide;
  readonly quantity: number;
  readonly reason: string;
  readonly tsEvent: number;
}
