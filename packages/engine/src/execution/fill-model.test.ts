import { describe, expect, it } from 'vitest';
import { type Order, OrderIntent, OrderOrigin, OrderSide, OrderType } from '../orders/order.js';
import { FillAt, nextBarFillModel } from './fill-model.js';

function order(side: OrderSide, type: OrderType, price = Number.NaN): Order<unknown> {
  return {
    id: 1,
    side,
    type,
    intent: OrderIntent.Exact,
    quantity: 1,
    price,
    exactPrice: undefined,
    origin: OrderOrigin.Strategy,
    activeFrom: 0,
    tsInit: 0,
  };
}

describe('nextBarFillModel', () => {
  const { Buy, Sell } = OrderSide;
  const { Market, Limit, Stop } = OrderType;

  it('fills market orders at the open', () => {
    expect(nextBarFillModel.match(order(Buy, Market), 10, 11, 9)).toBe(FillAt.Open);
    expect(nextBarFillModel.match(order(Sell, Market), 10, 11, 9)).toBe(FillAt.Open);
  });

  it.each([
    ['buy limit traded through', order(Buy, Limit, 9.5), 10, 11, 9, FillAt.OrderPrice],
    ['buy limit gapped through', order(Buy, Limit, 9.5), 9, 9.8, 8.5, FillAt.Open],
    ['buy limit not reached', order(Buy, Limit, 8), 10, 11, 9, FillAt.None],
    ['sell limit traded through', order(Sell, Limit, 10.5), 10, 11, 9, FillAt.OrderPrice],
    ['sell limit gapped through', order(Sell, Limit, 10.5), 11, 12, 10.8, FillAt.Open],
    ['sell limit not reached', order(Sell, Limit, 12), 10, 11, 9, FillAt.None],
    ['buy stop traded through', order(Buy, Stop, 10.5), 10, 11, 9, FillAt.OrderPrice],
    ['buy stop gapped through', order(Buy, Stop, 10.5), 11, 12, 10.8, FillAt.Open],
    ['buy stop not reached', order(Buy, Stop, 12), 10, 11, 9, FillAt.None],
    ['sell stop traded through', order(Sell, Stop, 9.5), 10, 11, 9, FillAt.OrderPrice],
    ['sell stop gapped through', order(Sell, Stop, 9.5), 9, 9.4, 8.5, FillAt.Open],
    ['sell stop not reached', order(Sell, Stop, 8), 10, 11, 9, FillAt.None],
  ])('%s', (_name, o, open, high, low, expected) => {
    expect(nextBarFillModel.match(o, open, high, low)).toBe(expected);
  });
});
