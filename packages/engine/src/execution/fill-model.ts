import { type Order, OrderSide, OrderType } from '../orders/order.js';

/** Where an order fills on a bar, if at all. */
export const FillAt = { None: 0, Open: 1, OrderPrice: 2 } as const;
export type FillAt = (typeof FillAt)[keyof typeof FillAt];

/** Decides whether, and at which price, a resting order fills on a bar. */
export interface FillModel {
  match(order: Order<unknown>, open: number, high: number, low: number): FillAt;
}

/**
 * Bar-based fills without intrabar data: a market order fills at the bar's open; a limit or stop order fills at
 * its price when the bar trades through it, or at the open when the bar gaps through (the open is the first price
 * available, and it is better than the limit or worse than the stop).
 *
 * @example
 * nextBarFillModel.match(buyLimitAt10, 11, 12, 9.5); // FillAt.OrderPrice
 */
export const nextBarFillModel: FillModel = {
  match(order, open, high, low) {
    if (order.type === OrderType.Market) return FillAt.Open;
    const level = order.price;
    const buy = order.side === OrderSide.Buy;
    if (order.type === OrderType.Limit) {
      if (buy ? open <= level : open >= level) return FillAt.Open;
      return (buy ? low <= level : high >= level) ? FillAt.OrderPrice : FillAt.None;
    }
    if (buy ? open >= level : open <= level) return FillAt.Open;
    return (buy ? high >= level : low <= level) ? FillAt.OrderPrice : FillAt.None;
  },
};
