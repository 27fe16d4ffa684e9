/** Direction of an order. */
export const OrderSide = { Buy: 'buy', Sell: 'sell' } as const;
export type OrderSide = (typeof OrderSide)[keyof typeof OrderSide];

/**
 * How an order meets the market: `market` fills at the next bar's open; `limit` and `stop` rest until a bar
 * trades through their price (see {@link nextBarFillModel}).
 */
export const OrderType = { Market: 'market', Limit: 'limit', Stop: 'stop' } as const;
export type OrderType = (typeof OrderType)[keyof typeof OrderType];

/**
 * Who placed an order: the strategy, or the risk engine's protective stop-loss / take-profit exits, which are
 * cancelled whenever the position they protect changes.
 */
export const OrderOrigin = { Strategy: 'strategy', Protective: 'protective' } as const;
export type OrderOrigin = (typeof OrderOrigin)[keyof typeof OrderOrigin];

/**
 * An accepted order resting at the simulated broker.
 * @typeParam M - the run's money type
 */
export interface Order<M> {
  readonly id: number;
  readonly side: OrderSide;
  readonly type: OrderType;
  /** Whole units, > 0. */
  readonly quantity: number;
  /** Limit or stop level as a double for comparing with bars; `NaN` for market orders. */
  readonly price: number;
  /** The same level exactly; a fill "at the order price" fills at this value. */
  readonly exactPrice: M | undefined;
  readonly origin: OrderOrigin;
  /** First bar index the order may fill on: the bar after the one it was placed on. */
  readonly activeFrom: number;
  /** Time of the bar the order was placed on. */
  readonly tsInit: number;
}
